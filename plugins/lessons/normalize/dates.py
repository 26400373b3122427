"""Dates in the forms editors and source documents use: to a `PartialDate` (a year, a
month or a day, as precise as the source) or, for embargoes, a `datetime.date`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "maart": 3, "mrt": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = (r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
            r"ma|di|wo|do|vr|za|zo|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?")

PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    # A run of days ("3-6 maart 2025", "3 t/m 6 maart", "3 en 4 juni 2021") dates an
    # event that spans them: its month, not one of its days.
    (re.compile(r"\b(\d{1,2})\s*(?:-|–|t/m|tot en met|tot|en|and|to)\s*\d{1,2}\s+("
                + _MONTH_ALT + r")\.?\s+(\d{4})\b", re.I), "period"),
    (re.compile(_WEEKDAY + r"\b(\d{1,2})\s+(" + _MONTH_ALT + r")\.?\s+(\d{4})\b", re.I), "dMy"),
    (re.compile(_WEEKDAY + r"\b(" + _MONTH_ALT + r")\.?\s+(\d{1,2}),?\s+(\d{4})\b", re.I), "Mdy"),
    # "11/08/2022" is 11 August in Dutch; read month-first only where day-first is
    # impossible ("7/20/2020", as Outlook writes dates in English exports).
    (re.compile(_WEEKDAY + r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", re.I), "d/m/y"),
    (re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b"), "dmy"),
    # Month and year only ("Januari 2022", "jan. 2022"): a month; find_date, for the
    # importers that want a day, makes it the first.
    (re.compile(r"\b(" + _MONTH_ALT + r")\.?\s+(\d{4})\b", re.I), "My"),
]


def _build(kind: str, groups: tuple[str, ...]) -> dt.date | None:
    try:
        if kind == "ymd":
            return dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
        if kind in ("dMy", "period"):
            return dt.date(int(groups[2]), MONTHS[groups[1].lower()], int(groups[0]))
        if kind == "Mdy":
            return dt.date(int(groups[2]), MONTHS[groups[0].lower()], int(groups[1]))
        if kind == "d/m/y":
            if int(groups[1]) > 12:
                return dt.date(int(groups[2]), int(groups[0]), int(groups[1]))
            return dt.date(int(groups[2]), int(groups[1]), int(groups[0]))
        if kind == "My":
            return dt.date(int(groups[1]), MONTHS[groups[0].lower()], 1)
        if kind == "dmy":
            return dt.date(int(groups[2]), int(groups[1]), int(groups[0]))
    except (ValueError, KeyError):
        return None
    return None


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source: a year, a year and month, or a day.

    "januari 2022" is January 2022, not 1 January: a document is shown and cited at the
    precision it was dated with. Dates order by the first day they cover, and a less
    precise date before a more precise one that starts on the same day: "2022" sorts as
    1 January 2022, before "2022-01", before "2022-01-01". In a newest-first list a
    document dated only "2022" therefore comes after the 2022 documents with a month or day.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # No month 0 or 13, no 30 February.
        dt.date(self.year, 1 if self.month is None else self.month,
                1 if self.day is None else self.day)

    @classmethod
    def of(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def start(self) -> dt.date:
        """The first day the date covers (for sorting and for formats that need a day)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day the date covers."""
        if self.day:
            return self.start
        if self.month == 12:
            return dt.date(self.year, 12, 31)  # (and no year 10000 for December 9999)
        if self.month:
            return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    @property
    def parts(self) -> list[int]:
        """[2022], [2022, 1] or [2022, 1, 14]: the known parts, as CSL's date-parts."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self) -> str:
        """'2022', '2022-01' or '2022-01-14'."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()


def find_partial_date(text: str) -> PartialDate | None:
    """The first plausible date in free text, at the precision it is written with:
    "14 juli 2020" is a day, "medio augustus 2020" a month."""
    best: tuple[int, PartialDate] | None = None
    for pattern, kind in PATTERNS:
        for match in pattern.finditer(text):
            value = _build(kind, match.groups())
            if value and 1900 <= value.year <= 2100:
                found = (PartialDate(value.year, value.month) if kind in ("My", "period")
                         else PartialDate.of(value))
                if best is None or match.start() < best[0]:
                    best = (match.start(), found)
                break
    return best[1] if best else None


def find_date(text: str) -> dt.date | None:
    """The first plausible date in free text (for importers)."""
    best: tuple[int, dt.date] | None = None
    for pattern, kind in PATTERNS:
        for match in pattern.finditer(text):
            value = _build(kind, match.groups())
            if value and 1900 <= value.year <= 2100:
                if best is None or match.start() < best[0]:
                    best = (match.start(), value)
                break
    return best[1] if best else None


def parse_date(value: object) -> dt.date:
    """A front-matter date: a YAML date, ISO text, or a written Dutch/English date.

    Raises ValueError with a message that says what is accepted.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for pattern, kind in PATTERNS:
            if kind in ("My", "period"):  # a month is not a date; editors must say which day
                continue
            match = pattern.fullmatch(text)
            if match:
                parsed = _build(kind, match.groups())
                if parsed is None:
                    raise ValueError(f"'{text}' is not a real date")
                return parsed
    raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2021-03-23")


# What a document's date may be, for the message when it is none of them.
DATE_FORMS = ("a day (2022-01-14 or 14 januari 2022), a month (2022-01 or januari 2022) "
              "or a year (2022)")
_YEAR = re.compile(r"(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_partial_date(value: object) -> PartialDate:
    """A document's front-matter date at the precision it is written with: a YAML date or
    a day, '2022-01' or 'januari 2022' (a month), 2022 or '2022' (a year).

    Raises ValueError with a message that names the accepted forms.
    """
    if isinstance(value, dt.datetime):
        return PartialDate.of(value.date())
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            if match := _YEAR.fullmatch(text):
                return PartialDate(int(match.group(1)))
            if match := _YEAR_MONTH.fullmatch(text):
                return PartialDate(int(match.group(1)), int(match.group(2)))
        except ValueError:
            raise ValueError(f"'{text}' is not a real date") from None
        for pattern, kind in PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                parsed = _build(kind, match.groups())
                if parsed is None:
                    raise ValueError(f"'{text}' is not a real date")
                if kind in ("My", "period"):
                    return PartialDate(parsed.year, parsed.month)
                return PartialDate.of(parsed)
    raise ValueError(f"'{value}' is not a date; write {DATE_FORMS}")


_NL_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")


def format_nl(value: dt.date | PartialDate) -> str:
    """'23 maart 2021', 'maart 2021' or '2021': how Dutch readers write dates, no more
    precise than the date is."""
    if isinstance(value, dt.date):
        value = PartialDate.of(value)
    parts = [str(value.day) if value.day else "",
             _NL_MONTHS[value.month - 1] if value.month else "", str(value.year)]
    return " ".join(p for p in parts if p)
