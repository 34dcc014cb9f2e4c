"""Tables laid out one cell per line come back with the right shape and exact cells."""

from __future__ import annotations

from pipeline.normalize import display
from pipeline.tables import read_tables


def test_seed_000_tables_have_their_printed_shapes(project):
    sources, _ = project
    text = next(s.text for s in sources if s.document.id == "yunayun-hegemony")
    tables = read_tables("yunayun-hegemony", text)
    shapes = [(t.caption, [c.text for c in t.header], len(t.rows)) for t in tables]
    assert shapes == [
        ("美国《生物技术未来蓝图》六大战略支柱", ["战略支柱", "核心内容", "主要措施"], 6),
        ("美国生物医药产业资金支持体系", ["资金类型", "主要来源", "支持阶段", "代表性机制"], 4),
        ("美国在生物医药领域对华遏制主要措施", ["领域", "主要措施", "实施机构", "影响分析"], 5),
    ]
    assert [c.text for c in tables[2].rows[0]] == [
        "供应链", "《生物安全法》草案、供应商限制", "国会、国防部、HHS", "限制中国CRO/CDMO企业接入美国市场"]
    assert [c.text for c in tables[0].rows[-1]] == [
        "调动盟友和伙伴集体力量", "联合盟国构建技术联盟", "研发合作、人才交流、商业化协作,对冲中国影响力"]


def test_every_cell_is_its_seed_text_at_its_span(project):
    sources, extract = project
    texts = {s.document.id: s.text for s in sources}
    assert extract.tables
    for table in extract.tables:
        for cell in (*table.header, *(c for row in table.rows for c in row)):
            assert display(texts[table.document][cell.span.start:cell.span.end]) == cell.text
        assert texts[table.document][table.span.start:].startswith(table.caption)


def test_a_caption_followed_by_prose_is_not_a_table():
    assert read_tables("d", "表:没有表格\n\n" + "这是一段很长的正文" * 10 + "\n") == ()
