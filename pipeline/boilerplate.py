"""Which lines of a web or PDF extraction are page furniture, and why (kept in the extract as
dropped blocks, so a reviewer sees what was removed).

Rules look at the shape of a line (short navigation words, phone and licence numbers, e-mail
contacts, decorations, page numbers), never at which file it came from.
"""

from __future__ import annotations

import re

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("page number", re.compile(r"^[—–\-－]\s*[0-9０-９]{1,4}\s*[—–\-－]$")),
    ("navigation", re.compile(r"^(关注|關注).{0,8}(微站|返回)$|^(转繁体|轉簡體|首页|首頁|返回|更多)(\s|$)|^关注\s*\d+\s*返回$")),
    ("phone or licence number", re.compile(r"(咨询热线|联系电话|电话|ICP备|京ICP|沪ICP|公网安备|1[3-9]\d{9})")),
    ("site footer", re.compile(r"(版权(归|所有)|技术支持|公司简介|All rights reserved|Copyright)", re.IGNORECASE)),
    ("contact address", re.compile(r"^(编辑邮箱|投稿邮箱|邮箱|E-?mail)\s*[:：]", re.IGNORECASE)),
    ("image credit", re.compile(r"^\*?\s*(封面)?(图片|圖片)来源\s*[:：]")),
    ("follow prompt", re.compile(r"(如果您认同|欢迎关注|扫码关注|点击关注|加入.{0,10}社群|长按.{0,6}二维码)")),
    ("decoration", re.compile(r"^[\s◆◇■□●○★☆※·•\-—=~*]+$")),
)
_SINGLE_CJK = re.compile(r"^[\u4e00-\u9fff]$")


def classify(line: str) -> str:
    """The reason a stripped line is boilerplate, or '' when it is content."""
    for reason, pattern in _RULES:
        if pattern.search(line):
            return reason
    return ""


def vertical_runs(lines: list[str]) -> set[int]:
    """Indexes of runs of three or more one-character lines: text set vertically, e.g. 近/期/推/荐."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if _SINGLE_CJK.match(line):
            run.append(index)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found
