"""HTML writer: renders one Briefing through Jinja templates; a user folder can override them."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import jinja2

from pipeline import __version__
from pipeline.charts import draw
from pipeline.errors import BriefError, Loc
from pipeline.model import Briefing, ChartBlock
from pipeline.wording import EDITION_TAGS


def environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """User folders first, then built-ins; `builtin/` prefix lets an override extend its original."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in template_dirs])]
    loaders.append(jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(template_dirs[-1]))}))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
    )


def page_counter(wording: str) -> str:
    """'Page {page} of {pages}' as a CSS content value: "Page " counter(page) " of " counter(pages)."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", wording):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def stylesheet(env: jinja2.Environment) -> str:
    """brief.css through the template loader, so a user folder can override it too."""
    source, _, _ = env.loader.get_source(env, "brief.css")  # type: ignore[union-attr]
    return source


def render_html(briefing: Briefing, env: jinja2.Environment) -> str:
    try:
        css = stylesheet(env)
        template = env.get_template("brief.html.j2")
        return template.render(
            page_counter=page_counter(briefing.meta.page),
            b=briefing,
            tag=EDITION_TAGS[briefing.lang],
            notes={n.number: n for n in briefing.notes},
            charts={b.id: base64.b64encode(draw(b, "svg")).decode() for b in briefing.blocks if isinstance(b, ChartBlock)},
            css=css,
            version=__version__,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise BriefError(f"template syntax error: {exc.message}", Loc(f"templates/{exc.name}", exc.lineno)) from None
    except jinja2.UndefinedError as exc:
        raise BriefError(f"template uses an undefined value: {exc.message}", Loc("templates/brief.html.j2")) from None
    except jinja2.TemplateNotFound as exc:
        raise BriefError(f"template not found: {exc.name}", Loc("templates")) from None
