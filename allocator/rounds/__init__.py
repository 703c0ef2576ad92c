"""Offer rounds: turn the previous round's workbook, the coordinator's decisions and this round's vacancies into
the :class:`~allocator.domain.Decisions` a run keeps, and say per household where it stands.

Rehousing takes several rounds: offers go out, households accept or refuse, and new offers are made.

- An **accepted** offer is fixed: the household is done and keeps the dwelling in every later round, even if the
  dwelling has left the vacancies file (it has a lease on it; its data is taken from the previous offers sheet,
  and a warning says so).
- A **refused** dwelling is never offered to that household again, and counts one refusal.
- An offer with **no response** is still out and is kept as it is (fixed), unless ``reopen_pending`` lets the
  optimiser move it; an offer still out on a dwelling that has left the vacancies file is void (a warning), and
  the household takes part again.
- A household gets up to ``Settings.max_offers`` offers (``max_offers_temporary`` for a temporary household;
  domain rule 10): the last of them, offer number ``max_offers``, is the **final offer**: where resident and
  landlord disagree, the landlord decides (almenlejeloven § 86).
- A coordinator's **decisions** (``allocator.read.decisions``) are kept in every run: *give* fixes the pair,
  *forbid* removes it for good. A *give* that breaks a rule, or gives back a dwelling the household refused, is
  refused unless it is marked as agreed with the household.

:func:`plan_round` does this before the allocation (raising :class:`~allocator.problems.InputError` with every
problem); :meth:`RoundPlan.report` says, after it, what each household's offer is, for the workbook.
"""

from allocator.rounds.blocked import Blocked, HeldOffer, blocked_households
from allocator.rounds.load import first_round, load_round
from allocator.rounds.plan import RoundPlan, offer_limit, plan_round
from allocator.rounds.report import HouseholdRound, PinStatus, RoundReport, Status

__all__ = [
    "Blocked",
    "HeldOffer",
    "HouseholdRound",
    "PinStatus",
    "RoundPlan",
    "RoundReport",
    "Status",
    "blocked_households",
    "first_round",
    "load_round",
    "offer_limit",
    "plan_round",
]
