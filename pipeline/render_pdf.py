"""PDF writer: WeasyPrint prints the HTML; it may fetch files inside the project and nothing else."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML, URLFetcher
from weasyprint.urls import FatalURLFetchingError

from pipeline.errors import BriefError, Loc


class _Refused(FatalURLFetchingError):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class ProjectFetcher(URLFetcher):
    """Serves file: URLs under the project root and inline data: URLs; anything else stops the build."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None):  # type: ignore[override]
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme != "file":
            raise _Refused(url)
        path = Path(unquote(parsed.path)).resolve()
        if not path.is_relative_to(self.root):
            raise _Refused(url)
        return super().fetch(url, headers)


class _Warnings(logging.Handler):
    """Collects WeasyPrint's warnings so the build can report them instead of hiding them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, root: Path, shown: str) -> tuple[bytes, list[str]]:
    """The PDF bytes and WeasyPrint's warnings; `shown` names the HTML in messages."""
    logger = logging.getLogger("weasyprint")
    handler = _Warnings()
    logger.addHandler(handler)
    try:
        document = HTML(string=html, base_url=str(root / "templates") + "/",
                        url_fetcher=ProjectFetcher(root))
        pdf = document.write_pdf(pdf_identifier=hashlib.md5(html.encode()).hexdigest().encode())
    except _Refused as exc:
        raise BriefError(f"the document asks for '{exc.url}', outside the project; refused", Loc(shown)) from None
    except AssertionError:
        # WeasyPrint asserts when a note can move nowhere: taller than any page's foot.
        raise BriefError("a footnote is too long to fit at the foot of a page", Loc(shown),
                         hint="shorten the note (fewer or shorter quotes); the full passage stays in the extract") from None
    finally:
        logger.removeHandler(handler)
    return pdf, handler.messages
