"""The 50 success criteria of WCAG 2.1 at levels A and AA (EN 301 549, the Dutch legal
standard), with their names in the authorised Dutch translation: the accessibility
statement names the criteria its checks cover and its known limitations."""

from __future__ import annotations

CRITERIA: dict[str, tuple[str, str]] = {  # number -> (level, Dutch name)
    "1.1.1": ("A", "Niet-tekstuele content"),
    "1.2.1": ("A", "Louter-geluid en louter-video (vooraf opgenomen)"),
    "1.2.2": ("A", "Ondertitels voor doven en slechthorenden (vooraf opgenomen)"),
    "1.2.3": ("A", "Audiodescriptie of media-alternatief (vooraf opgenomen)"),
    "1.2.4": ("AA", "Ondertitels voor doven en slechthorenden (live)"),
    "1.2.5": ("AA", "Audiodescriptie (vooraf opgenomen)"),
    "1.3.1": ("A", "Info en relaties"),
    "1.3.2": ("A", "Betekenisvolle volgorde"),
    "1.3.3": ("A", "Zintuiglijke eigenschappen"),
    "1.3.4": ("AA", "Weergavestand"),
    "1.3.5": ("AA", "Identificeer het doel van de input"),
    "1.4.1": ("A", "Gebruik van kleur"),
    "1.4.2": ("A", "Geluidsbediening"),
    "1.4.3": ("AA", "Contrast (minimum)"),
    "1.4.4": ("AA", "Herschalen van tekst"),
    "1.4.5": ("AA", "Afbeeldingen van tekst"),
    "1.4.10": ("AA", "Reflow"),
    "1.4.11": ("AA", "Contrast van niet-tekstuele content"),
    "1.4.12": ("AA", "Tekstafstand"),
    "1.4.13": ("AA", "Content bij hover of focus"),
    "2.1.1": ("A", "Toetsenbord"),
    "2.1.2": ("A", "Geen toetsenbordval"),
    "2.1.4": ("A", "Enkel teken sneltoetsen"),
    "2.2.1": ("A", "Timing aanpasbaar"),
    "2.2.2": ("A", "Pauzeren, stoppen, verbergen"),
    "2.3.1": ("A", "Drie flitsen of beneden drempelwaarde"),
    "2.4.1": ("A", "Blokken omzeilen"),
    "2.4.2": ("A", "Paginatitel"),
    "2.4.3": ("A", "Focusvolgorde"),
    "2.4.4": ("A", "Linkdoel (in context)"),
    "2.4.5": ("AA", "Meerdere manieren"),
    "2.4.6": ("AA", "Koppen en labels"),
    "2.4.7": ("AA", "Focus zichtbaar"),
    "2.5.1": ("A", "Aanwijzergebaren"),
    "2.5.2": ("A", "Aanwijzerannulering"),
    "2.5.3": ("A", "Label in naam"),
    "2.5.4": ("A", "Bewegingsactivering"),
    "3.1.1": ("A", "Taal van de pagina"),
    "3.1.2": ("AA", "Taal van onderdelen"),
    "3.2.1": ("A", "Bij focus"),
    "3.2.2": ("A", "Bij input"),
    "3.2.3": ("AA", "Consistente navigatie"),
    "3.2.4": ("AA", "Consistente identificatie"),
    "3.3.1": ("A", "Foutidentificatie"),
    "3.3.2": ("A", "Labels of instructies"),
    "3.3.3": ("AA", "Foutsuggestie"),
    "3.3.4": ("AA", "Foutpreventie (wettelijk, financieel, gegevens)"),
    "4.1.1": ("A", "Parsen"),
    "4.1.2": ("A", "Naam, rol, waarde"),
    "4.1.3": ("AA", "Statusberichten"),
}


def order(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def label(number: str) -> str:
    """'1.4.10 Reflow (AA)'."""
    level, name = CRITERIA[number]
    return f"{number} {name} ({level})"
