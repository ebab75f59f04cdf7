"""Lab headers -> canonical column names, with the report of what became of every header.

A header is recognised by its words, not its spelling (issue 10 item 2): it is split into words
(accents, case and punctuation ignored, camelCase split), the words are read as concepts through
the vocabulary in ``her2batch/vocab/headers/<lang>.toml`` (English, plus each of German, French,
Spanish, Italian and Dutch in turn), and each canonical column says which concepts make it and
which it tolerates. A header with a concept its column does not tolerate ("HER2 IHC date", "ER
H-score") is not that column. Score = the number of the column's concepts the header carries: the
more specific header wins ("HER2 IHC Score" over "HER2").

Priority: the config's ``[columns]``, then a header spelled as the canonical name, then a NAACCR
item (number and/or name, naaccr.py translates it), then words. Two headers that claim an
optional column equally well leave it unmapped with a warning; only a tie on ``case_id`` fails.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from her2batch.understand.naaccr import REGISTRY_COLUMNS

CANONICAL_COLUMNS = (
    "case_id",
    "patient_id",
    "report_date",
    "tumor_site",
    "specimen_type",
    "her2_ihc",
    "her2_ihc_percent",
    "ish_ratio",
    "ish_her2_copies",
    "ish_cep17_copies",
    "ish_cells_counted",
    "ish_result",
    "ish_probe",
    "er_percent",
    "pr_percent",
    "antibody_clone",
    "pathologist",
    "lab",
)
MAPPABLE_COLUMNS = (*CANONICAL_COLUMNS, *REGISTRY_COLUMNS)
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "fi", "pl", "cs", "sk", "hu", "ro", "tr", "el")

# Fields that carry a HER2 result: a table with none of them cannot be classified.
HER2_RESULT_COLUMNS = ("her2_ihc", "ish_ratio", "ish_her2_copies", "ish_result",
                       "naaccr_3850", "naaccr_3851", "naaccr_3852", "naaccr_3853", "naaccr_3854")
# Concepts that make an unmapped header worth a warning: it looks like HER2, ISH, ER or PR data.
DATA_CONCEPTS = frozenset({"her2", "ihc", "ish", "ratio", "cep17", "copy", "amplification", "er", "pr"})

# Examples for messages (what a header for each column may look like).
EXAMPLES = {
    "case_id": ("Case ID", "Accession #", "Specimen No", "Lab Ref", "Fallnummer", "N° d'examen"),
    "her2_ihc": ("HER2 IHC Score", "HER2 (IHC)", "HercepTest"),
    "ish_ratio": ("HER2/CEP17 Ratio", "FISH ratio"),
    "ish_result": ("ISH Result", "HER2 FISH"),
}
MEANING = {
    "her2_ihc": "the HER2 IHC result (0, 1+, 2+, 3+)",
    "her2_ihc_percent": "% of tumour cells with HER2 membrane staining",
    "ish_ratio": "the HER2/CEP17 ratio",
    "ish_her2_copies": "mean HER2 signals per cell",
    "ish_cep17_copies": "mean CEP17 signals per cell",
    "ish_cells_counted": "cells counted for ISH",
    "ish_result": "the ISH result as written (amplified, not amplified, group ...)",
}


@dataclass(frozen=True)
class Rule:
    """A canonical column: it needs every concept of one pattern and tolerates ``allow``."""

    patterns: tuple[frozenset[str], ...]
    allow: frozenset[str]
    only_with: tuple[tuple[str, str], ...] = ()  # (concept, companion): the concept needs the companion
    strong: frozenset[str] = frozenset()  # concepts that name the column outright: they count twice

    def matches(self, found: frozenset[str]) -> bool:
        return (found <= self.allow and any(p <= found for p in self.patterns)
                and all(c not in found or w in found for c, w in self.only_with))


def _rule(patterns: Sequence[str], allow: str = "", only_with: str = "", strong: str = "") -> Rule:
    sets = tuple(frozenset(p.split()) for p in patterns)
    pairs = tuple(tuple(pair.split(":")) for pair in only_with.split())
    return Rule(sets, frozenset(allow.split()).union(*sets), pairs, frozenset(strong.split()))  # type: ignore[arg-type]


# Which concepts make which column. "status" (result, interpretation, ...) and "score" are
# tolerated only where a column holds words as written; ER/PR are percentages, so "ER status"
# (which holds "Positive") is left unmapped with a warning rather than rejected row by row.
RULES: dict[str, Rule] = {
    # "Accession #" beside "Block ID" or "Specimen No": the accession/case number is the case
    "case_id": _rule(["case", "specimen num", "lab num", "report num", "tumor num"],
                     "num lab specimen report tumor", strong="case"),
    "patient_id": _rule(["patient", "mrn", "hospital num"], "num hospital"),
    "report_date": _rule(["date", "reported"], "report status"),
    "tumor_site": _rule(["site", "primary"], "tumor specimen"),
    "specimen_type": _rule(["specimen type", "procedure", "material", "specimen source"], "type source"),
    # "HER2 status" / "HER2 result" is usually the overall call (an amplified 2+ is "positive"),
    # so a status word makes it the IHC column only beside an IHC word ("HER2 IHC result").
    "her2_ihc": _rule(["her2", "ihc"], "stained status score clone_name case", only_with="status:ihc"),  # "Case HER2 IHC (final)": the case's score beside block scores
    "her2_ihc_percent": _rule(["percent her2", "percent ihc", "percent stained", "percent positive"],
                              "cells tumor"),
    "ish_ratio": _rule(["ratio", "her2 cep17"], "ish signal dual probe mean gene"),
    "ish_her2_copies": _rule(["her2 copy", "her2 signal", "her2 percell", "her2 mean"],
                             "ish gene copy signal percell mean num"),
    "ish_cep17_copies": _rule(["cep17"], "copy signal percell mean ish num"),
    "ish_cells_counted": _rule(["cells", "counted"], "num ish tumor her2"),
    "ish_result": _rule(["ish", "amplification", "her2 gene", "group asco"], "her2 gene status group asco"),
    "ish_probe": _rule(["probe", "ish method", "method type"], "type method single dual her2"),
    "er_percent": _rule(["er"], "percent stained positive cells ihc tumor"),
    "pr_percent": _rule(["pr"], "percent stained positive cells ihc tumor"),
    "antibody_clone": _rule(["clone", "antibody"], "her2 ihc primary clone_name"),
    "pathologist": _rule(["pathologist"], "name reported"),
    "lab": _rule(["lab", "hospital"], "name"),
}

# NAACCR breast HER2 items by name (her2-rules.md section 7): every concept of the item's name,
# nothing foreign. The item number alone ("3852", "NAACCR 3852", "[3852] ...") also names it.
NAACCR_NAMES: dict[str, frozenset[str]] = {
    "naaccr_3850": frozenset({"her2", "ihc", "summary"}),
    "naaccr_3851": frozenset({"her2", "ish", "dual", "probe", "copy"}),
    "naaccr_3852": frozenset({"her2", "ish", "dual", "probe", "ratio"}),
    "naaccr_3853": frozenset({"her2", "ish", "single", "probe", "copy"}),
    "naaccr_3854": frozenset({"her2", "ish", "summary"}),
    "naaccr_3855": frozenset({"her2", "overall", "summary"}),
}
_NAACCR_TOLERATED = frozenset({"naaccr", "num", "status"})
_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]")
_NAACCR_NUMBER = re.compile(r"(?<![0-9.,])(385[0-5])(?![0-9.,])")


# --- words ----------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """Casefolded, accents removed, camelCase split, symbols that mean words spelled out."""
    text = _CAMEL.sub(" ", str(text))
    if text.isascii():
        return text.casefold()
    text = _NUMERO.sub(" no ", text)
    text = _AVERAGE.sub(" mean ", text)  # Ø HER2 = average HER2
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.translate(_LETTERS)


_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "\u0131": "i", "đ": "d", "ð": "d", "þ": "th"})


# camelCase: "HercepTest", "her2IhcSummary", "caseID"; not "PgR" or "erbB"
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Z][a-z])|(?<=[a-z]{3})(?=[A-Z]{2,}\b)")
_NUMERO = re.compile(r"\b[nN]\s*\.?\s*[º°]")
_AVERAGE = re.compile(r"(?<![^\W\d_])[Øø⌀](?![^\W\d_])")
_TOKEN = re.compile(r"[a-z0-9\u03b1-\u03c9]+|[%#/]")  # Latin and Greek letters (accents removed)


def words(text: str) -> tuple[str, ...]:
    """The words of a header: letters/digits runs, and '%', '#', '/' as words of their own."""
    return tuple(_TOKEN.findall(_plain(text)))


def header_key(header: str) -> str:
    """What two spellings of one header share: casefolded letters and digits only."""
    return "".join(w for w in words(header) if w.isalnum())


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], frozenset[str]]  # phrase words -> concepts
    filler: frozenset[tuple[str, ...]]
    longest: int


@cache
def _load(language: str) -> tuple[dict[tuple[str, ...], frozenset[str]], frozenset[tuple[str, ...]]]:
    """One language file's phrases (as words) -> concepts, and its filler: read once, shared by
    every language's vocabulary (English is the base of all eighteen)."""
    path = resources.files("her2batch.vocab") / "headers" / f"{language}.toml"
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    own: dict[tuple[str, ...], set[str]] = {}
    for concept, entries in document.get("concepts", {}).items():
        for entry in entries:
            if key := words(entry):
                own.setdefault(key, set()).add(concept)
    filler = frozenset(words(w) for w in document.get("filler", {}).get("words", []) if words(w))
    return {key: frozenset(concepts) for key, concepts in own.items()}, filler


@cache
def vocabulary(language: str) -> Vocabulary:
    """English words, with ``language``'s words added (replacing English meanings they share)."""
    phrases: dict[tuple[str, ...], frozenset[str]] = {}
    filler: set[tuple[str, ...]] = set()
    for lang in dict.fromkeys(("en", language)):
        own, own_filler = _load(lang)
        for key in own.keys() | own_filler:
            phrases.pop(key, None)
            filler.discard(key)
        phrases.update(own)
        filler |= own_filler
    longest = max(len(k) for k in (*phrases, *filler))
    return Vocabulary({k: frozenset(v) for k, v in phrases.items()}, frozenset(filler), longest)


@cache
def known_words() -> frozenset[str]:
    """Every word any vocabulary's concepts use: a cell with none of them is no header (a fast no)."""
    return frozenset(w for lang in LANGUAGES for key in vocabulary(lang).phrases for w in key)


def configured(config_columns: Mapping[str, str | Sequence[str]] | None) -> list[tuple[str, str]]:
    """(canonical, header) for every header the config's [columns] gives: one, or a list of
    spellings when the run reads exports of several layouts (case_id = ["Lab Ref", "Accession"])."""
    pairs = []
    for canonical, given in (config_columns or {}).items():
        pairs.extend((canonical, header) for header in ((given,) if isinstance(given, str) else given))
    return pairs


def mappable_cells(record: Sequence[str], config_columns: Mapping[str, str] | None = None) -> int:
    """An upper bound on the columns a row could map: its cells holding a vocabulary word, a
    NAACCR number, a canonical name or a configured header. Cheap: rules rows out unread."""
    spellings = {header_key(h) for _, h in configured(config_columns)}
    known = known_words()
    return sum(1 for cell in record if str(cell).strip() and (
        not known.isdisjoint(words(str(cell))) or _NAACCR_NUMBER.search(_plain(str(cell)))
        or str(cell).strip().casefold() in MAPPABLE_COLUMNS or (spellings and header_key(str(cell)) in spellings)))


def concepts_of(header: str | tuple[str, ...], language: str = "en") -> tuple[frozenset[str], int]:
    """The concepts a header (or its words) carries in ``language`` and how many of its words are
    unknown (longest phrase first; '/' and digits alone are punctuation unless a phrase uses them)."""
    vocab = vocabulary(language)
    tokens = header if isinstance(header, tuple) else words(header)
    found: set[str] = set()
    unknown, at = 0, 0
    while at < len(tokens):
        for length in range(min(vocab.longest, len(tokens) - at), 0, -1):
            key = tokens[at : at + length]
            if key in vocab.phrases:
                found |= vocab.phrases[key]
                break
            if key in vocab.filler:
                break
        else:
            length = 1
            if tokens[at] != "/" and not tokens[at].isdigit():
                unknown += 1
        at += length
    return frozenset(found), unknown


# --- one header -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """What one header, alone, reads as."""

    canonical: str  # "" when none (or ambiguous)
    how: str  # naaccr, words or unmapped
    score: int = 0
    concepts: frozenset[str] = frozenset()
    note: str = ""  # why unmapped
    rivals: tuple[str, ...] = ()  # canonical names it could equally be
    seen: frozenset[str] = frozenset()  # concepts found in any language (unmapped: = concepts)


def _naaccr(header: str, found: frozenset[str]) -> tuple[str, str]:
    """(item, problem): the NAACCR item a header names by number or by name."""
    numbers = {f"naaccr_{n}" for n in _NAACCR_NUMBER.findall(_plain(header))}
    by_name = {item for item, name in NAACCR_NAMES.items() if name <= found <= name | _NAACCR_TOLERATED}
    if len(numbers) > 1:
        return "", "names several NAACCR items"
    if numbers:
        (item,) = numbers
        named = {i for i, n in NAACCR_NAMES.items() if n <= found}
        if named and item not in named:
            return "", f"its number says {item} but its words say {', '.join(sorted(named))}"
        return item, ""
    if len(by_name) == 1:
        return next(iter(by_name)), ""
    return "", ""


@lru_cache(maxsize=65536)
def read_header(header: str) -> Reading:
    """The canonical column one header names by NAACCR item or by its words, with no config."""
    tokens = words(header)
    numbered = _NAACCR_NUMBER.search(_plain(header)) is not None
    if not numbered and known_words().isdisjoint(tokens):
        return Reading("", "unmapped")  # most data cells met while looking for the header row
    best: dict[str, tuple[int, frozenset[str]]] = {}
    english: set[str] = set()  # canonical names the English reading gives
    looked: set[str] = set()
    bare = _BRACKETED.sub(" ", header)  # "MRN (Epic)": a system's name in brackets is not a word to know
    bare_tokens = words(bare) if bare != header else tokens
    for language in LANGUAGES:
        found, unknown = concepts_of(tokens, language)
        if bare != header:
            unknown = concepts_of(bare_tokens, language)[1]
        if not found and not numbered:
            continue
        looked |= found
        item, problem = _naaccr(header, found)
        if item:
            return Reading(item, "naaccr", 99, found)
        if problem:
            return Reading("", "unmapped", 0, found, problem)
        for canonical, rule in RULES.items():
            if not rule.matches(found):
                continue
            score = len(found) + len(found & rule.strong)
            if unknown and score < 2:
                continue  # one known word among unknown ones is too little to go on
            if score > best.get(canonical, (0,))[0]:
                best[canonical] = (score, found)
                if language == "en":
                    english.add(canonical)
    if not best:
        return Reading("", "unmapped", 0, frozenset(looked), "no column reads this way" if looked else "")
    looked_all = frozenset(looked)
    top = max(score for score, _ in best.values())
    winners = sorted(c for c, (score, _) in best.items() if score == top)
    if len(winners) > 1 and len(english & set(winners)) == 1:
        winners = sorted(english & set(winners))  # a tie between languages: English, the base, decides
    if len(winners) > 1:
        return Reading("", "unmapped", top, looked_all, f"could be {' or '.join(winners)}", tuple(winners))
    return Reading(winners[0], "words", top, best[winners[0]][1], seen=looked_all)


def canonical_for(label: str) -> str | None:
    """The canonical name a free-text label names (a header, or a test name such as 'HER2 FISH
    Ratio' in a one-row-per-test export), by the same scoring as headers; None when none."""
    reading = read_header(label)
    return reading.canonical or None


def recognised_as(header: str) -> str | None:
    """The column a header names without config: exact name, NAACCR item or words."""
    plain = str(header).strip().casefold()
    if plain in MAPPABLE_COLUMNS:
        return plain
    return canonical_for(header)


def has_header_words(text: str) -> bool:
    """Whether a cell holds any word of the header vocabulary (in any language)."""
    return bool(read_header(text).concepts | read_header(text).seen)


def looks_like_data(header: str) -> bool:
    """A header whose words, in any of the languages, look like HER2, ISH, ER or PR data."""
    reading = read_header(header)
    return bool((reading.concepts | reading.seen) & DATA_CONCEPTS)


# --- a header row ---------------------------------------------------------------------------

class HeaderConflict(ValueError):
    """Two headers claim case_id equally well: which rows are which cases cannot be known."""


@dataclass(frozen=True)
class Fate:
    """What became of one header (run.json ``inputs[].columns``)."""

    position: int
    header: str
    canonical: str  # "" when unmapped
    how: str  # config, exact, words, naaccr, unmapped
    note: str = ""


@dataclass(frozen=True)
class HeaderMap:
    canonical_of: dict[int, str]  # column position -> canonical name
    fates: tuple[Fate, ...] = ()
    warnings: tuple[str, ...] = ()  # plain messages naming headers, never values
    missing_config: tuple[tuple[str, str | Sequence[str]], ...] = ()  # (canonical, configured header(s)) not here

    @property
    def names(self) -> set[str]:
        return set(self.canonical_of.values())

    @property
    def carries_her2(self) -> bool:
        return any(name in HER2_RESULT_COLUMNS for name in self.canonical_of.values())


_TIER = {"config": 0, "exact": 1, "naaccr": 2, "words": 3}


def map_headers(headers: Sequence[str], config_columns: Mapping[str, str] | None = None) -> HeaderMap:
    """Assign canonical names to header positions; raise HeaderConflict on a case_id tie."""
    config_keys: dict[str, str] = {}
    for canonical, header in configured(config_columns):
        config_keys.setdefault(header_key(header), canonical)
    claims: dict[str, list[tuple[int, int, int]]] = {}  # canonical -> [(tier, -score, position)]
    readings: dict[int, Reading] = {}
    how_of: dict[int, str] = {}
    for position, header in enumerate(headers):
        text = str(header)
        if not text.strip():
            continue
        key = header_key(text) if config_keys else ""
        if key and key in config_keys:
            canonical, how, score = config_keys[key], "config", 0
        elif text.strip().casefold() in MAPPABLE_COLUMNS:
            canonical, how, score = text.strip().casefold(), "exact", 0
        else:
            reading = readings[position] = read_header(text)
            canonical, how, score = reading.canonical, reading.how, reading.score
        if canonical:
            how_of[position] = how
            claims.setdefault(canonical, []).append((_TIER[how], -score, position))

    canonical_of: dict[int, str] = {}
    notes: dict[int, str] = {}
    warnings: list[str] = []
    for canonical, claimants in claims.items():
        claimants.sort()
        top = [c for c in claimants if c[:2] == claimants[0][:2]]
        if len(top) > 1:
            named = " and ".join(_describe(headers, c[2]) for c in top)
            if canonical == "case_id":
                raise HeaderConflict(f"two columns claim {canonical}: {named}")
            for c in top:
                notes[c[2]] = f"tie for {canonical}"
            warnings.append(f"{named} read as {canonical} equally well: neither is used; "
                            f"choose one with [columns] {canonical} = \"...\" in --config")
            continue
        canonical_of[claimants[0][2]] = canonical
        for c in claimants[1:]:
            notes[c[2]] = f"{_describe(headers, claimants[0][2])} is a better {canonical}"

    fates: list[Fate] = []
    for position, header in enumerate(headers):
        text = str(header)
        if position in canonical_of:
            fates.append(Fate(position, text, canonical_of[position], how_of[position]))
            continue
        reading = readings.get(position)
        note = notes.get(position) or (reading.note if reading else "")
        fates.append(Fate(position, text, "", "unmapped", note))
        if text.strip() and position not in notes and looks_like_data(text):
            why = f" ({note})" if note else ""
            warnings.append(f"header {_describe(headers, position)} looks like HER2/ISH/ER/PR data but was not "
                            f"mapped{why}; map it with [columns] in --config if it holds one")
        elif position in notes and looks_like_data(text) and not notes[position].startswith("tie"):
            warnings.append(f"header {_describe(headers, position)} was not mapped: {notes[position]}")
    present = {header_key(str(h)) for h in headers} if config_columns else set()
    missing = tuple((c, h) for c, h in (config_columns or {}).items()  # none of a column's spellings is here
                    if not any(header_key(s) in present for _, s in configured({c: h})))
    return HeaderMap(canonical_of, tuple(fates), tuple(warnings), missing)


def missing_config_message(header_map: HeaderMap, headers: Sequence[str]) -> str:
    """A config [columns] entry naming no header of this file, with the closest headers."""
    texts = [str(h).strip() for h in headers if str(h).strip()]
    lowered = {t.casefold(): t for t in texts}
    parts = []
    for canonical, given in header_map.missing_config:
        spellings = [h for _, h in configured({canonical: given})]
        close = list(dict.fromkeys(c for h in spellings for c in difflib.get_close_matches(h.casefold(), list(lowered),
                                                                                           n=3, cutoff=0.4)))[:3]
        hint = ", ".join(f"'{lowered[c]}'" for c in close) if close else "none close"
        named = f'"{spellings[0]}"' if len(spellings) == 1 else "[" + ", ".join(f'"{h}"' for h in spellings) + "]"
        parts.append(f"[columns] {canonical} = {named} names no header of this file (closest: {hint})")
    return "; ".join(parts)


def _describe(headers: Sequence[str], position: int) -> str:
    return f"'{headers[position]}' (column {column_letter(position)})"


def column_letter(position: int) -> str:
    """Spreadsheet column letters: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def columns_snippet(fates: Sequence[Fate]) -> str:
    """A ready-to-paste [columns] table: a header that was a candidate for a HER2 column (tied or
    ambiguous) is filled in; the other lines are commented out, to fill from the listed headers."""
    unmapped = [f for f in fates if not f.canonical and f.header.strip()]
    lines = ["[columns]"]
    if unmapped:
        shown = ", ".join(_toml_string(f.header) for f in unmapped[:12])
        more = f" and {len(unmapped) - 12} more" if len(unmapped) > 12 else ""
        lines.append(f"# unmapped headers in this file: {shown}{more}")
    for canonical, meaning in MEANING.items():
        guess = next((f.header for f in unmapped
                      if f.note == f"tie for {canonical}" or canonical in read_header(f.header).rivals), "")
        line = f"{canonical} = {_toml_string(guess)}" if guess else f'# {canonical} = ""'
        lines.append(line.ljust(34) + f"# {meaning}")
    return "\n".join(lines)


def no_her2_message(fates: Sequence[Fate]) -> str:
    """Why a table cannot be classified, the headers it did recognise and a [columns] snippet."""
    recognised = [f"'{f.header}' ({f.canonical})" for f in fates if f.canonical]
    examples = ", ".join(f"'{e}'" for e in (*EXAMPLES["her2_ihc"], *EXAMPLES["ish_ratio"], *EXAMPLES["ish_result"]))
    return (f"no HER2 result column found (looked for headers like {examples}); recognised: "
            f"{', '.join(recognised) or 'none'}. Map yours in a --config file (uncomment and fill the lines "
            f"you need):\n{columns_snippet(fates)}")
