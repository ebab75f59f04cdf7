"""Closed-vocabulary reading of HER2 result text (her2-rules.md section 7, program rules).

A value is split into tokens and matched, longest phrase first, against the vocabulary in
``vocab/values/*.toml``. It is understood only when every token is a known phrase, a score, a number,
a percentage or punctuation; negation is scoped to its clause. This module turns text into
``Words`` (what was said); values.py decides what an IHC or ISH cell then means.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

# Tags whose phrases can be negated, and what their negation means is decided in values.py.
TERMS = frozenset({
    "positive", "negative", "equivocal", "amplified", "not_amplified", "amplification", "normal",
    "overexpression", "staining", "null", "ultralow", "low",
})
NOUNS = frozenset({"amplification", "overexpression", "staining"})  # "amplification: no", "... : positive"
INTENSITIES = ("faint", "weak", "moderate", "strong")
COMPLETENESS = ("complete", "incomplete")
BOUNDS = {"more_than": ">", "at_least": ">=", "less_than": "<", "at_most": "<="}
PASSIVE = frozenset({"filler", "conjunction", "percent_word", "see"})
SCORE_WORDS = {"score_one": 1, "score_two": 2, "score_three": 3}
# An approximate share of stained cells is read only when it is clearly on one side of the 10%
# cut-off of sections 1 and 4 ("approximately 40%"); "about 10%" cannot place a case: unreadable.
APPROXIMATE_CUTOFF, APPROXIMATE_MARGIN = 10.0, 5.0
CLAUSE_BREAKS = frozenset({";", ",", ".", "\n"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}

_TOKEN = re.compile(  # words in Latin or Greek letters (accents removed by fold)
    r"(?P<word>[a-z]+'|[a-z0-9\u03b1-\u03c9]*[a-z\u03b1-\u03c9][a-z0-9\u03b1-\u03c9]*)"
    r"|(?P<number>\d+(?:[.,]\d+)?)"
    r"|(?P<op>>=|<=|=>|=<|[<>])"
    r"|(?P<symbol>[^\sa-z0-9\u03b1-\u03c9])"
    r"|(?P<newline>\n)"
)
_FOLD = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "\u0131": "i", "đ": "d", "\u2019": "'", "\u2018": "'", "\u00b4": "'",
                       "≥": ">=", "≤": "<=", "\u00a0": " ", "\u2212": "-", "\u2013": "-", "\u2014": "-",
                       "\u2010": "-", "\u2011": "-", "\u2012": "-"})


def fold(text: str) -> str:
    """Lower case without accents: labs write 'négatif' and 'negatif', 'mäßig' and 'massig'."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(tokens: list[str]) -> str:
    return "".join(t for t in tokens if t != "-")


def phrase_key(phrase: str) -> str:
    """How the vocabulary looks a phrase up: folded tokens, joined, hyphens dropped."""
    return _key([m.group() for m in _TOKEN.finditer(fold(phrase)) if m.lastgroup != "newline"])


@dataclass(frozen=True)
class Vocabulary:
    tag_of: dict[str, str]  # phrase key (tokens joined, hyphens dropped) -> tag
    longest: int  # most tokens in one phrase
    languages: tuple[str, ...]
    stems: tuple[tuple[str, str], ...] = ()  # (word beginning, tag) for tags named '<tag>_stem'
    prefixes: frozenset[str] = frozenset()  # every beginning of every phrase key


class VocabularyError(ValueError):
    """Two language files give one phrase two meanings."""


@cache
def vocabulary(kind: str = "values") -> Vocabulary:
    """Every file under vocab/<kind>, merged; a phrase may have only one tag."""
    tag_of: dict[str, str] = {}
    where: dict[str, str] = {}
    languages = []
    longest = 1
    folder = resources.files("her2batch.vocab") / kind
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        language = entry.name.removesuffix(".toml")
        languages.append(language)
        for tag, phrases in tomllib.loads(entry.read_text(encoding="utf-8"))["tags"].items():
            for phrase in phrases:
                key = phrase_key(phrase)
                if tag_of.get(key, tag) != tag:
                    raise VocabularyError(
                        f"'{phrase}' is {tag} in {language}.toml but {tag_of[key]} in {where[key]}.toml")
                tag_of[key], where[key] = tag, language
                longest = max(longest, len([m for m in _TOKEN.finditer(fold(phrase))]))
    stems = tuple((key, tag) for key, tag in tag_of.items() if tag.endswith("_stem"))
    prefixes = frozenset(key[:n] for key in tag_of for n in range(1, len(key) + 1))
    return Vocabulary(tag_of, longest, tuple(languages), stems, prefixes)


@dataclass
class Term:
    tag: str
    negated: bool = False
    predicated: bool = False  # a negator or affirmation after it was already applied


@dataclass
class Words:
    """What a value says, token by token; ``unknown`` non-empty means it cannot be read."""

    unknown: list[str] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # every tag seen
    terms: list[Term] = field(default_factory=list)
    scores: list[int] = field(default_factory=list)  # 0-3 written as 2+, +2, or a lone digit
    plus_scores: int = 0  # how many of them carried a plus sign
    zero_plus: bool = False  # '0+'
    plus_only: bool = False  # '+', '++', '+++', '+/-'
    percents: list[tuple[str, float]] = field(default_factory=list)  # (bound operator or '', value)
    numbers: list[float] = field(default_factory=list)  # other numbers
    group: int = 0
    problems: list[str] = field(default_factory=list)  # why the words cannot be read as one statement
    polarity: frozenset[tuple[str, bool]] = frozenset()  # (tag, negated) of every term, set by settle()

    @property
    def readable(self) -> bool:
        return not self.unknown and not self.problems

    def has(self, tag: str) -> bool:
        return tag in self.tags

    def said(self, tag: str, negated: bool | None = None) -> bool:
        """Whether the term was written (negated, or not, when asked)."""
        if negated is None:
            return (tag, False) in self.polarity or (tag, True) in self.polarity
        return (tag, negated) in self.polarity

    def settle(self) -> Words:
        """Freeze what the terms say once every negation is applied (said() reads this)."""
        self.polarity = frozenset((t.tag, t.negated) for t in self.terms)
        return self


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is word, number, op, symbol, newline; phrases are not yet joined."""
    text = re.sub(r"\b([dl]|jusqu|qu)'", r"\1' ", fold(text))
    return [(m.lastgroup or "", m.group()) for m in _TOKEN.finditer(text)]


def tags_in(raw: str, kind: str) -> set[str]:
    """The tags of the known phrases anywhere in a free text (sites: other words may surround them);
    a word that starts with a phrase of a '<tag>_stem' tag counts as that tag (German compounds)."""
    vocab = vocabulary(kind)
    found = set()
    for item, text in _phrases(_tokens(raw), vocab):
        if item.startswith("tag:"):
            found.add(item[4:].removesuffix("_stem"))
        elif item == "word":
            found.update(tag.removesuffix("_stem") for stem, tag in vocab.stems if text.startswith(stem))
    return found


def _phrases(tokens: list[tuple[str, str]], vocab: Vocabulary) -> list[tuple[str, str]]:
    """Longest known phrase first; a token in no phrase keeps its own kind.

    Keys grow token by token and stop as soon as no phrase starts with them, so a value costs a
    few dictionary lookups per token however large the vocabulary.
    """
    out: list[tuple[str, str]] = []
    i, count = 0, len(tokens)
    while i < count:
        key, best, best_end = "", None, i
        for j in range(i, min(count, i + vocab.longest)):
            kind, text = tokens[j]
            if kind == "newline":
                break
            if text != "-":
                key += text
                if key not in vocab.prefixes:
                    break
            tag = vocab.tag_of.get(key) if key else None
            if tag is not None:
                best, best_end = tag, j + 1
        if best is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(("tag:" + best, " ".join(t for _, t in tokens[i:best_end])))
            i = best_end
    return out


def _said_before(items: list[tuple[str, str]], i: int) -> bool:
    """Whether anything but punctuation comes before item ``i`` (a conjunction needs something to join)."""
    return any(kind not in ("symbol", "newline") for kind, _ in items[:i])


def read_words(raw: str) -> Words:
    """Tokenise, tag and scope negations. Never raises."""
    vocab = vocabulary()
    items = _phrases(_tokens(raw), vocab)
    words = Words()
    pending_negation = False
    last_term: Term | None = None
    i = 0
    while i < len(items):
        kind, text = items[i]
        following = items[i + 1] if i + 1 < len(items) else ("", "")
        if kind == "newline" or (kind == "symbol" and text in CLAUSE_BREAKS):
            if pending_negation:
                words.problems.append("a negation with nothing to negate")
            pending_negation, last_term = False, None
        elif kind.startswith("tag:"):
            tag = kind[4:]
            words.tags.add(tag)
            if tag == "conjunction" and not _said_before(items, i):  # "or positive": 'ÖR' (oestrogen
                words.problems.append("a value that starts with a conjunction")  # receptor) folds to 'or'
            if tag in TERMS:
                negated_by_verb = last_term is not None and last_term.tag in NOUNS and not last_term.predicated \
                    and tag in ("positive", "negative")
                if negated_by_verb:  # "amplification: negative" -> not amplified
                    assert last_term is not None
                    last_term.negated ^= tag == "negative"
                    last_term.predicated = True
                else:
                    term = Term(tag, negated=pending_negation)
                    words.terms.append(term)
                    last_term, pending_negation = term, False
            elif tag == "negator":
                # before a term it negates the term; after one it negates the term before it
                if last_term is not None and not last_term.predicated and not _term_follows(items, i):
                    _negate_after(words, last_term)
                elif pending_negation:
                    words.problems.append("a double negation")
                else:
                    pending_negation = True
            elif tag == "negator_pre":
                if pending_negation:
                    words.problems.append("a double negation")
                pending_negation = True
            elif tag == "negator_post":
                if last_term is None or last_term.predicated:
                    if _only_filler_besides(items, i):  # 'absent' alone: no staining (section 7)
                        words.terms.append(Term("staining", negated=True, predicated=True))
                    else:
                        words.problems.append("a negation with nothing to negate")
                else:
                    _negate_after(words, last_term)
            elif tag == "affirm_post":
                if last_term is None and not _term_follows(items, i):
                    words.problems.append("a 'detected/present' with nothing it applies to")
                elif last_term is not None:
                    last_term.predicated = True
                # before its term ('stwierdzono amplifikację', 'zjištěna amplifikace'): the term says it
            elif tag == "group":
                number = _group_number(following)
                if number:
                    words.group = number if not words.group or words.group == number else -1
                    i += 1
            elif tag in BOUNDS:
                if following[0] == "number":
                    words.percents.append((BOUNDS[tag], _float(following[1])))
                    i += 1
                    if i + 1 < len(items) and (items[i + 1][1] == "%" or items[i + 1][0] == "tag:percent_word"):
                        i += 1
            elif tag == "zero":
                words.scores.append(0)
            elif tag in SCORE_WORDS:  # a score dictated in words: "score two", "one plus"
                words.scores.append(SCORE_WORDS[tag])
                words.plus_scores += 1
            elif tag == "approximately":  # "approximately 40%": a share well clear of the 10% cut-off
                nxt = items[i + 2] if i + 2 < len(items) else ("", "")
                if following[0] != "number" or not (nxt[1] == "%" or nxt[0] == "tag:percent_word"):
                    words.problems.append("an approximate value that is not a share of cells")
                elif abs(_float(following[1]) - APPROXIMATE_CUTOFF) < APPROXIMATE_MARGIN:
                    words.problems.append("an approximate share near the 10% cut-off")
                else:  # read as the share it approximates
                    words.percents.append(("", _float(following[1])))
                    i += 2
        elif kind == "number":
            i = _number(items, i, words)
        elif kind == "op":
            if following[0] == "number":
                operator = {"=>": ">=", "=<": "<="}.get(text, text)
                nxt = items[i + 2] if i + 2 < len(items) else ("", "")
                if nxt[1] == "%" or nxt[0] == "tag:percent_word":
                    words.percents.append((operator, _float(following[1])))
                    i += 2
                elif nxt[1] == "+" and _small_int(following[1]) is not None:  # '≥3+'
                    words.scores.append(_small_int(following[1]) or 0)
                    words.plus_scores += 1
                    i += 2
                else:
                    words.problems.append("a bound where a result belongs")
                    i += 1
            else:
                words.unknown.append(text)
        elif kind == "symbol":
            if text == "+":
                i = _plus(items, i, words)
            elif text == "%" and following[0] == "number":  # '%90': the share written before its number (Turkish)
                words.percents.append(("", _float(following[1])))
                i += 1
            elif text not in "()[]:=/-'\"*#&_|":
                words.unknown.append(text)
        else:  # an unknown word
            words.unknown.append(text)
        i += 1
    if pending_negation:
        words.problems.append("a negation with nothing to negate")
    return words.settle()


def _only_filler_besides(items: list[tuple[str, str]], i: int) -> bool:
    """Whether item i is the only thing said besides filler, and no filler names the result itself
    ('result absent', 'rezultat absent': the result is missing, not the staining)."""
    return all(k in ("tag:filler", "symbol") and fold(t) not in RESULT_WORDS
               for j, (k, t) in enumerate(items) if j != i)


# Filler words that name the result itself: beside one, 'absent' or 'missing' means the result is.
RESULT_WORDS = frozenset({  # folded
    "result", "results", "resultat", "resultado", "risultato", "resultaat", "ergebnis", "befund", "tulos", "wynik",
    "vysledek", "vysledok", "eredmeny", "rezultat", "rezultatul", "sonuc", "sonucu", "αποτελεσμα",
})


def _term_follows(items: list[tuple[str, str]], i: int) -> bool:
    for kind, text in items[i + 1 :]:
        if kind == "newline" or (kind == "symbol" and text in CLAUSE_BREAKS):
            return False
        if kind.startswith("tag:") and kind[4:] in TERMS:
            return True
        if kind.startswith("tag:") and kind[4:] in ("negator", "negator_pre", "negator_post", "affirm_post"):
            return False
    return False


def _negate_after(words: Words, term: Term) -> None:
    if term.negated:
        words.problems.append("a double negation")
    term.negated = not term.negated
    term.predicated = True


def _group_number(item: tuple[str, str]) -> int:
    kind, text = item
    if kind == "number" and text in ("1", "2", "3", "4", "5"):
        return int(text)
    if kind in ("word", "tag:filler") and text in _ROMAN:  # 'i' and 'v' are also filler words ("in", "with")
        return _ROMAN[text]
    return 0


def _float(text: str) -> float:
    return float(text.replace(",", "."))


def _small_int(text: str) -> int | None:
    return int(text) if text in ("0", "1", "2", "3") else None


def _number(items: list[tuple[str, str]], i: int, words: Words) -> int:
    """A number: a score (2+, a lone 0-3), a percentage, or another number. Returns the last index used."""
    text = items[i][1]
    following = items[i + 1] if i + 1 < len(items) else ("", "")
    if following[1] == "%" or following[0] == "tag:percent_word":
        words.percents.append(("", _float(text)))
        return i + 1
    score = _small_int(text)
    if score is None and following == ("symbol", "+"):  # '5+' is no score
        words.unknown.append(text + "+")
        return i + 1
    if score is not None and following == ("symbol", "+"):
        after = items[i + 2] if i + 2 < len(items) else ("", "")
        if after[1] == "+":  # '2++': not a notation we know
            words.unknown.append(text + "++")
            return i + 2
        _plus_score(words, score)
        return i + 1
    if score is not None:
        words.scores.append(score)
    else:
        words.numbers.append(_float(text))
    return i


def _plus_score(words: Words, score: int) -> None:
    """A score written with a plus ('2+', '+2'); '0+' is its own notation (section 7)."""
    if score == 0:
        words.zero_plus = True
    else:
        words.scores.append(score)
        words.plus_scores += 1


def _plus(items: list[tuple[str, str]], i: int, words: Words) -> int:
    """'+3' is a score; '+', '++', '+++' and '+/-' name no score."""
    following = items[i + 1] if i + 1 < len(items) else ("", "")
    if following[0] == "number" and _small_int(following[1]) is not None:
        after = items[i + 2] if i + 2 < len(items) else ("", "")
        if after[1] != "%":
            _plus_score(words, _small_int(following[1]) or 0)
            return i + 1
    j = i
    while j + 1 < len(items) and items[j + 1] == ("symbol", "+"):
        j += 1
    if j + 2 < len(items) and items[j + 1] == ("symbol", "/") and items[j + 2] == ("symbol", "-"):
        j += 2
    words.plus_only = True
    return j
