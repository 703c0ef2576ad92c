"""Every Begrundelser and Ikke anvist claim of a phased case (issue 12), in time terms: the phased example
(``data/example-phased``) and a generated case in 4 phases, checked by ``tests/explain_claims.py`` against the
stays of the result; and the workbook shows exactly the sentences checked."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from explain_claims import Truth, check_unhoused_claims, check_wish_claims
from openpyxl import load_workbook

from allocator import pipeline
from allocator.domain import Settings
from allocator.generate import generate_instance
from allocator.provenance import Provenance
from allocator.read import read_instance

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "example-phased"


def no_oracle(fix):
    raise AssertionError("a phased case claims nothing an oracle would have to confirm")


@pytest.fixture(scope="module", params=["example-phased", "generated-300-4-phases"])
def phased(request):
    if request.param == "example-phased":
        files = (EXAMPLE / "households.csv", EXAMPLE / "vacancies.csv")
        instance = read_instance(*files, phases_path=EXAMPLE / "phases.csv").instance
    else:
        instance = generate_instance(300, 240, seed=3, phases=4)
    assert instance.phased
    return pipeline.run(instance, Settings(), Provenance(files=()))


def test_every_time_claim_is_true(phased):
    result = phased.result
    truth = Truth(result.instance, result.settings, result, None, phased.fixed_as)
    facts = pipeline.explain(phased)
    lines = check_wish_claims(truth, facts, no_oracle)
    reasons = [check_unhoused_claims(truth, result, lang) for lang in ("da", "en")]
    assert lines > 500 and reasons == [len(result.unassigned)] * 2 and reasons[0] > 0
    codes = Counter(x.reason.code for x in facts.lines(detailed=False))
    assert codes["earlier_seniority"] and codes["shared_over_time"], codes
    told = "\n".join(s.reason.da for s in facts.summaries())
    told += "\n" + "\n".join(u.reasons[0].da for u in result.unassigned)
    assert "husstandens genhusning" in told and "optaget af etape" in told
    assert "ledig først fra" in told and "ledig i tide:" not in told


def test_the_workbook_shows_the_sentences_checked(phased, tmp_path):
    facts = pipeline.explain(phased)
    out = tmp_path / "phased.xlsx"
    pipeline.write(phased, out=out)
    book = load_workbook(out)
    rows = list(book["Begrundelser"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[-1]) for r in rows] == [(s.household_id, s.reason.da) for s in facts.summaries()]
    unassigned = list(book["Ikke anvist"].iter_rows(min_row=2, values_only=True))
    assert [r[-1] for r in unassigned] == [u.reasons[0].da for u in phased.result.unassigned]
