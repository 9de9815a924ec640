"""The docket as it was known on a day: facts dated later are left out, and counted.

``--as-of D`` sets "today" and shows the world as it was known on D: a proceeding opened
after D, a request sent after D and a fine imposed after D are left out; a proceeding closed
after D is still open on D, and a request answered after D is still unanswered on D. What was
left out is counted (``LaterFacts``), so every output can say how many facts it does not show.
Financial years need nothing here: a fine's cap already uses the year that ended before D.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct
from msgspec.structs import replace

from dsactl.casefile.model import Case

__all__ = ["LaterFacts", "known_case", "known_cases"]

# How each count is named in a sentence: (one, many).
_NAMES = {
    "proceedings": ("proceeding opened", "proceedings opened"),
    "closings": ("closing of a proceeding", "closings of proceedings"),
    "requests": ("request sent", "requests sent"),
    "answers": ("reply", "replies"),
    "fines": ("fine imposed", "fines imposed"),
    "events": ("proceeding event", "proceeding events"),
    "anchors": ("anchor event", "anchor events"),
    "filings": ("filing", "filings"),
}


class LaterFacts(Struct, frozen=True):
    """How many facts dated after the as-of day were left out, by kind."""

    proceedings: int = 0
    closings: int = 0
    requests: int = 0
    answers: int = 0
    fines: int = 0
    events: int = 0
    anchors: int = 0
    filings: int = 0

    def __add__(self, other: LaterFacts) -> LaterFacts:
        return LaterFacts(
            *(getattr(self, name) + getattr(other, name) for name in self.__struct_fields__)
        )

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in self.__struct_fields__)

    def as_dict(self) -> dict[str, int]:
        """The counts by kind and their ``total`` (the JSON ``left_out`` object)."""
        counts = {name: getattr(self, name) for name in self.__struct_fields__}
        return counts | {"total": self.total}

    def describe(self, day: date) -> str | None:
        """``3 facts dated after 2024-04-10 are left out: 2 proceedings opened, 1 …``."""
        if not self.total:
            return None
        parts = []
        for name in self.__struct_fields__:
            count = getattr(self, name)
            if count:
                one, many = _NAMES[name]
                parts.append(f"{count} {one if count == 1 else many}")
        noun = "fact dated after" if self.total == 1 else "facts dated after"
        verb = "is" if self.total == 1 else "are"
        return f"{self.total} {noun} {day} {verb} left out (as of {day}): {', '.join(parts)}"


def known_case(case: Case, day: date) -> tuple[Case, LaterFacts]:
    """``case`` as it was known on ``day``, and what was left out."""
    proceedings = []
    closings = 0
    for proceeding in case.proceedings:
        if proceeding.opened > day:
            continue
        if proceeding.closed is not None and proceeding.closed > day:
            # Closed later: on ``day`` it was still open.
            proceeding = replace(proceeding, closed=None, status="open")
            closings += 1
        proceedings.append(proceeding)
    requests = []
    answers = 0
    for request in case.requests:
        if request.sent > day:
            continue
        if request.answered is not None and request.answered > day:
            request = replace(request, answered=None)
            answers += 1
        requests.append(request)
    fines = tuple(fine for fine in case.fines if fine.date <= day)
    events = tuple(event for event in case.events if event.date <= day)
    anchors = tuple(anchor for anchor in case.anchors if anchor.date <= day)
    filings = tuple(filing for filing in case.filings if filing.filed <= day)
    later = LaterFacts(
        proceedings=len(case.proceedings) - len(proceedings),
        closings=closings,
        requests=len(case.requests) - len(requests),
        answers=answers,
        fines=len(case.fines) - len(fines),
        events=len(case.events) - len(events),
        anchors=len(case.anchors) - len(anchors),
        filings=len(case.filings) - len(filings),
    )
    if not later.total:
        return case, later
    known = replace(
        case,
        proceedings=tuple(proceedings),
        requests=tuple(requests),
        fines=fines,
        events=events,
        anchors=anchors,
        filings=filings,
    )
    return known, later


def known_cases(cases: Iterable[Case], day: date) -> tuple[list[Case], LaterFacts]:
    """Every case as known on ``day``, and everything left out, summed."""
    known: list[Case] = []
    later = LaterFacts()
    for case in cases:
        shown, left_out = known_case(case, day)
        known.append(shown)
        later += left_out
    return known, later
