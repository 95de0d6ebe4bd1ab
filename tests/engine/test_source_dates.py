"""Each source of a comparison carries its article's date (``published``), in
every scope and in the JSON, so that a presenter can order them by it."""

from __future__ import annotations

from hollywood_ai.index import Scope, Workspace, compare, comparison_of_fact, facts

from tests.compare_support import DEAGING, QUESTION, deaging_home

DATES = {outlet: date for outlet, date, _title, _body in DEAGING}


def test_sources_carry_their_dates_in_each_scope_and_in_json(tmp_path):
    ws = Workspace(deaging_home(tmp_path / "home"))
    ws.open()
    try:
        for scope in (Scope.library(), None):
            c = compare(ws, QUESTION, scope=scope) if scope else compare(ws, QUESTION)
            assert {s.outlet: s.published for s in c.sources} == DATES
            assert [s["published"] for s in c.to_dict()["sources"]] == [
                DATES[s.outlet] for s in c.sources
            ]
        fact = facts(ws)[0]
        of_fact = comparison_of_fact(fact, ws.articles())
        assert all(s.published == DATES[s.outlet] for s in of_fact.sources)
    finally:
        ws.close()
