"""Results written in report text -> canonical fields, each with the snippet it came from.

Issue 11 item 1. Many LIS extracts carry HER2, ER and PR only in free or synoptic text ("Final
Diagnosis", "Biomarker Results", "Comment", "Befund"). A report is cut into statements (lines,
sentences, then clauses before each marker name); only statements that name HER2, ISH, ER or PR,
or follow a heading that does, are read. Numbers are taken by their own label ("HER2/CEP17 ratio:
1.4", "40 cells"); the rest of a statement is read by the project's closed value readers
(``values.read_ihc``, ``read_ish_text``, ``read_number``), never by keyword spotting here.

Program rules (her2-rules.md section 7, "Controls and other specimens are not the case"): text
about controls, prior or other specimens, in situ carcinoma, hypotheticals and other markers is
not this case's result. Two different results for one field are a conflict: the field stays blank
and the case goes to review; so does a statement about HER2 whose value cannot be read.

Speed: one combined regex rejects text with no marker at once; statements are cut with
precompiled patterns and only candidate statements reach the readers (per distinct text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from her2batch.codes import IhcKind, IshKind, NumberKind
from her2batch.textnorm import map_distinct
from her2batch.values import read_ihc, read_ish_text, read_number

FIELDS = (
    "her2_ihc",
    "her2_ihc_percent",
    "ish_result",
    "ish_ratio",
    "ish_her2_copies",
    "ish_cep17_copies",
    "ish_cells_counted",
    "ish_probe",
    "antibody_clone",
    "er_percent",
    "pr_percent",
)
HER2_FIELDS = FIELDS[:9]
EVIDENCE_COLUMN = "her2_text_evidence"
EXPLANATION_PREFIX = "Read from report text"

# local flags of one report, turned into review reasons by ``apply``
CONFLICT, UNREADABLE = 1, 2

# --- vocabulary (English, German, French, Spanish, Italian, Dutch) ------------------------------

# Headers of columns that hold report text: whole words of the normalised header.
TEXT_HEADER_WORDS = (
    # en
    "diagnosis", "final diagnosis", "diagnoses", "biomarker", "biomarkers", "biomarker results", "comment",
    "comments", "addendum", "addenda", "report", "report text", "narrative", "synoptic", "microscopic",
    "microscopy", "findings", "conclusion", "conclusions", "impression", "notes", "note", "remarks",
    "summary", "result text", "results text", "free text", "text", "ancillary studies", "special studies",
    "immunohistochemistry report", "pathology report", "interpretation", "description",
    # de
    "befund", "befundtext", "befundbericht", "diagnose", "beurteilung", "kommentar", "bemerkung",
    "bemerkungen", "nachtrag", "nachbericht", "bericht", "zusammenfassung", "mikroskopie", "freitext",
    "epikrise", "ergebnis text",
    # fr
    "diagnostic", "commentaire", "commentaires", "compte rendu", "rapport", "remarque", "remarques",
    "microscopie", "texte", "interpretation",
    # es
    "diagnostico", "comentario", "comentarios", "informe", "conclusion", "adenda", "observaciones",
    "microscopia", "texto",
    # it
    "diagnosi", "commento", "commenti", "referto", "conclusioni", "osservazioni", "esito", "testo",
    # nl
    "conclusie", "commentaar", "verslag", "uitslag", "opmerking", "opmerkingen", "bevindingen",
    "microscopie", "tekst", "aanvulling",
)

_HER2 = r"(?:her[\s-]?2(?:\s*/\s*neu|[\s-]?neu)?|c-?erb-?b-?2|erbb-?2|hercep\s?test)"
_ER = (
    r"(?:estrogen|oestrogen|östrogen|\u0153strogen|estr[oó]geno?s?|estrogeni|oestrogeen)"
    r"(?:[\s-]?(?:receptor(?:en|es)?|rezeptor(?:en)?|r[ée]cepteurs?))?"
    r"|r[ée]cepteurs?\s+(?:aux\s+|des\s+|d')?(?:oestrog|\u0153strog|estrog)\w*"
    r"|receptor(?:es)?\s+(?:de\s+|per\s+gli\s+|degli\s+|(?:per\s+)?l'|dell')?(?:estr|oestr)\w*"
    r"|recettori?\s+(?:per\s+gli\s+|degli\s+)?estrogen\w*"
    r"|\ber(?:[\s-]?alpha|\u03b1)?\b(?=\s*(?:[:=(/\-]|status|receptor|rezeptor|positi|negati|posit|négat|\d|<|>|\(|is\b|was\b|ist\b|est\b|es\b|è\b|sp1|6f11|1d5|ep1|&|and\b|und\b|\+|,|$))"
    r"|\b(?:re|rh)\b(?=\s*[:=(]|\s+(?:positi|négati|negati|\d))"
)
_PR = (
    r"(?:progesteron[e]?|progest[ée]rone|progesterona)(?:[\s-]?(?:receptor(?:en|es)?|rezeptor(?:en)?|r[ée]cepteurs?))?"
    r"|r[ée]cepteurs?\s+(?:[àa]\s+la\s+|de\s+la\s+|de\s+)?progest\w*"
    r"|receptor(?:es)?\s+(?:de\s+(?:la\s+)?)?progest\w*"
    r"|recettori?\s+(?:per\s+il\s+|del\s+)?progest\w*"
    r"|\bpg-?r\b"
    r"|\bpr\b(?=\s*(?:[:=(/\-]|status|receptor|rezeptor|positi|negati|posit|négat|\d|<|>|\(|is\b|was\b|ist\b|est\b|es\b|è\b|1e2|16\b|pgr|&|and\b|und\b|\+|,|$))"
    r"|\brp\b(?=\s*[:=(]|\s+(?:positi|négati|negati|\d))"
)
_OTHER_MARKER = (
    r"(?:ki-?\s?67|mib-?1|p53|p63|ck\s?5/6|ck\s?\d+|cytokeratin|zytokeratin|pd-?l1|egfr|\bar\b(?=\s*[:=(])"
    r"|androgen\w*|e-?cadherin|gata-?3|trop-?2|sox-?10|mlh1|msh2|msh6|pms2|mmr|claudin|cldn18|"
    r"\bmsi\b|pik3ca|brca[12]?|tils?\b|grade|grading|nottingham|bloom|elston)"
)
_ISH_WORDS = (
    r"(?:\bfish\b|\bsish\b|\bcish\b|\bddish\b|\bbdish\b|\bdish\b|\bish\b|in[\s-]?situ[\s-]?hybridi[sz]\w*"
    r"|in[\s-]situ[\s-]hybridation|hybridation\s+in\s+situ|hibridaci[oó]n\s+in\s+situ|ibridazione\s+in\s+situ"
    r"|in[\s-]situ[\s-]hybridisatie|amplif\w*|\bamp\b|genamplif\w*|gen-?amplif\w*|\bgene?\b|\bgen[s]?\b"
    r"|copy\s+number|kopienzahl|cep\s?17|cen\s?17|chr\s?17|chromosom\w*\s*17|cromosoma\s*17|ratio\b"
    r"|verh[äa]ltnis|quotient|\brapport\b|raz[oó]n|cociente|rapporto|verhouding|ploid\w*|polysom\w*)"
)
_IHC_WORDS = (
    r"(?:\bihc\b|immun\w*|inmunohisto\w*|\bscore\b|membran\w*|\bstain\w*|f[äa]rbung|anf[äa]rbung"
    r"|tinci[oó]n|colorazione|kleuring|marquage|expression|expresi[oó]n|espressione|expressie"
    r"|overexpress\w*|[üu]berexpr\w*|protein\w*|prot[ée]ine|hercep\s?test|[0-3]\s*\+)"
)
_MARKER_ANCHOR = rf"(?:{_HER2}|{_ER}|{_PR}|{_OTHER_MARKER}|{_ISH_WORDS}|\bihc\b|immunhisto\w*|immunohisto\w*)"

# quick test: could this text hold any marker at all?
_ANY = re.compile(
    r"her|erb|fish|ish\b|ihc|cep|cen\s?17|ratio|amplif|str[oó]gen|estrog|progest|\ber\b|\bpr\b|\bre\b"
    r"|\brp\b|\bpgr\b|r[ée]cepteur|receptor|rezeptor|recettor|immun|hybrid",
    re.I,
)
_HER2_RE = re.compile(_HER2)
_ER_RE = re.compile(_ER)
_PR_RE = re.compile(_PR)
_OTHER_RE = re.compile(_OTHER_MARKER)
_ISH_RE = re.compile(_ISH_WORDS)
_IHC_RE = re.compile(_IHC_WORDS)

# Not this case's result (section 7): controls, prior or other specimens, in situ carcinoma,
# hypotheticals and definitions.
_EXCLUDE = re.compile(
    r"\bcontrols?\b|kontroll\w*|contr[ôo]les?\b|t[ée]moins?\b|\bcontroles?\b|controll[oi]\b|\bcontrole\b"
    r"|\bprior\b|\bprevious\w*|\bearlier\b|\bformer\w*|\boutside\b|\bhistoric\w*|\bold\s+(?:biopsy|specimen|report)"
    r"|vorbefund\w*|vorherig\w*|fr[üu]her\w*|vorbiops\w*|vorangegangen\w*|ant[ée]rieur\w*|pr[ée]c[ée]dent\w*"
    r"|\bprevi[oa]s?\b|\banterior(?:es|mente)?\b|precedent\w*|\beerder\w*|\bvorig\w*|voorgaand\w*"
    r"|\bdcis\b|\blcis\b|\bcis\b|carcino\w*(?:\s+\w+){0,2}\s+in[\s-]situ|in[\s-]situ[\s-]?(?:karzinom|carcinom)\w*"
    r"|intra-?ductal\w*|intraduktal\w*|canalaire\s+in\s+situ"
    r"|\bif\b|\bwenn\b|\bfalls\b|\bindien\b|recommend\w*|empfohlen|empfehl\w*|recommand\w*|recomiend\w*"
    r"|recomendad\w*|raccomand\w*|aanbevol\w*|aanbevel\w*|\bwould\b|\bshould\b|defined\s+as|definition\w*"
    r"|definiert|d[ée]fini\w*|definid\w*|gedefinieerd|\bcriteria\b|kriterien|crit[èe]res|criterios|criteri\b"
    r"|\bcontralateral\w*|controlat[ée]ral\w*|kontralateral\w*|other\s+specimen|\bvs\.?\b|\bversus\b"
    r"|compared\s+(?:to|with)|verglichen|compar[ée]\w*|comparado\w*|confrontat\w*|vergeleken"
)

_NUMBER = re.compile(
    r"(?<![\w.,/+-])(?P<op><=|>=|=<|=>|[<>≤≥])?\s*(?P<num>\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:-|to|bis|à|a|al)\s*(?P<hi>\d+(?:[.,]\d+)?))?"
    r"(?P<pct>\s*(?:%|percent\b|per\s?cent\b|prozent\b|pour\s?cent\b|por\s?ciento\b|per\s?cento\b|procent\b))?"
    r"(?![\w+]|[.,]\d|\s*\+)"
)
_RATIO_LABEL = re.compile(
    r"ratio|verh[äa]ltnis|quotient|\brapport\b|raz[oó]n|cociente|rapporto|verhouding"
    r"|her-?2\s*[/:]\s*(?:cep|cen|chr|d17z1|chromosom\w*)"
)
_CEP17_LABEL = re.compile(r"cep\s?17|cen\s?17|chr\s?17|chromosom\w*\s*17|cromosoma\s*17|d17z1|centromer\w*")
_COPY_LABEL = re.compile(
    r"cop(?:y|ies)|signal\w*|kopie\w*|copias?|se[ñn]al\w*|segnal\w*|copie\b|\bcn\b|dots"
)
_CELL_LABEL = re.compile(
    r"\bcells?\b|nuclei|nucleus|zell\w*|kerne?\b|kernen\b|cellules?|noyaux|c[ée]lulas?|n[uú]cleos?"
    r"|cellul[ea]\b|\bcel(?:len)?\b"
)
_GROUP_LABEL = re.compile(r"(?:group|grp|gruppe|groupe|grupo|gruppo|groep)\s*(?:#\s*)?$")
_SCORE_LABEL = re.compile(r"(?:score|punkte?|punteggio|puntuaci[oó]n|allred|h-?score|grade?)\s*[:=]?\s*(?:of\s+)?$")
_UNIFORM = re.compile(r"uniform|intense\s+complete")

# words a statement needs before it is read as a result at all
_VALUE_HINT = re.compile(
    r"posit|negat|n[ée]gati|equivo|[ée]quivo|zweifel|grenzwert|dudos|dubbi|twijfel|borderline|indetermin"
    r"|ind[ée]termin|amplif|\bamp\b|non-?amp|gruppe?\b|groupe?\b|grupo\b|gruppo\b|groep\b|\bgroup\b|\bnull\b"
    r"|ultra-?\s?low|[0-3]\s*\+|\+\s*[0-3]\b|score\s*[:=]?\s*[0-3]\b|pending|ausstehend|en\s+cours|pendiente"
    r"|in\s+corso|volgt|cannot|could\s+not|unable|failed|uninterp|not\s+(?:interpretable|evaluable|assessable)"
    r"|\bkein\w*|\bgeen\b|\bnicht\b|\bpas\b|\bsin\b|\bsenza\b|\bno\b|\bnot\b|\bnon\b|\bniet\b"
    r"|^\W*[0-3]\W*$|\blow\b|\bweak|\bfaint|schwach|faible|d[ée]bil|debole|zwak"
)
_NEGATOR = re.compile(
    r"\bno\b|\bnot\b|\bnon\b|\bnone\b|\bwithout\b|\babsen\w*|\bkein\w*|\bnicht\w*|\bohne\b|\bpas\b|\bsans\b"
    r"|\baucune?\b|\bsin\b|\bningun\w*|\bnessun\w*|\bsenza\b|\bgeen\b|\bniet\b|\bzonder\b|\bneg\w*|\bn[ée]g\w*"
)

_HER2_CLONES = {
    "4b5": "4B5", "cb11": "CB11", "a0485": "A0485", "a 0485": "A0485", "sp3": "SP3", "ep3": "EP3",
    "herceptest": "HercepTest", "hercep test": "HercepTest", "10a7": "10A7", "5a2": "5A2",
}
_CLONE_RE = re.compile(r"\b(?:4b5|cb11|a\s?0485|sp3|ep3|hercep\s?test|10a7|5a2)\b")
_PROBE_DUAL = re.compile(
    r"dual[\s-]?(?:probe|colou?r|ish|sonde|sonda|color)|two[\s-]?colou?r|zweifarb\w*|double\s+sonde|bicolore"
    r"|sonda\s+dual|doppia\s+sonda|dubbele\s+probe|dual[\s-]probe|pathvysion|iqfish|inform\s+her2\s+dual"
    r"|zytolight\s+spec\s+erbb2/cen\s?17"
)
_PROBE_SINGLE = re.compile(r"single[\s-]?(?:probe|colou?r)|einzel\w*\s*sonde|sonde\s+unique|sonda\s+[uú]nica|sonda\s+singola")

# label words taken off a statement before its value is read
_LABEL_WORDS = re.compile(
    rf"{_HER2}(?:[\s-]?(?:gen[e]?|protein|status|expression))?"
    r"|\b(?:by|per|using|with|for|on|via|mittels|durch|par|pour|por|para|con|mediante|tramite|met|door|van|voor)\s+"
    r"(?:ihc|immun\w*|inmunohisto\w*|fish|sish|cish|ish|in[\s-]situ[\s-]\w+|hibridaci[oó]n\s+in\s+situ|hybridation\s+in\s+situ|ibridazione\s+in\s+situ)\b"
    r"|\b(?:ihc|fish|sish|cish|ddish|ish)\b|immunhisto\w*|immunohisto\w*|inmunohisto\w*|immunoistochim\w*"
    r"|in[\s-]?situ[\s-]?hybridi[sz]\w*|hybridation\s+in\s+situ|hibridaci[oó]n\s+in\s+situ|ibridazione\s+in\s+situ"
    r"|in[\s-]situ[\s-]hybridisatie"
    r"|\b(?:result|results|status|interpretation|overall|final|ergebnis|resultat|r[ée]sultat|resultado|risultato"
    r"|uitslag|resultaat|befund|statut|estado|stato)\b"
    r"|\b(?:is|was|are|shows?|showed|demonstrates|demonstrated|reveals?|revealed|ist|zeigt|war|est|montre|était"
    r"|es|muestra|fue|è|mostra|era|toont|blijkt|tested|getestet|found|gefunden)\b"
    r"|\b(?:the|der|die|das|le|la|les|el|los|las|il|lo|de|het)\b"
)
_LEAD_PUNCT = re.compile(r"^[\s:=\-,.;/()]+|[\s:=\-,;/(]+$")
_SPACES = re.compile(r"[ \t\f\v]+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))

# statements: lines, semicolons, bullets, sentence ends (not decimal points)
_SEGMENT = re.compile(r"\n|;|\u2022|\s\|\s|(?<=[^\d\s.])\.(?=\s|$)|(?<=\d)\.(?=\s+[^\d\s])")
_CLAUSE = re.compile(
    rf",(?=\s*\S)(?!\d)|\s+(?:and|und|et|y|e|en|with|mit|avec|con|met|sowie|bzw\.?)\s+(?={_MARKER_ANCHOR})"
    rf"|\((?=\s*(?:{_MARKER_ANCHOR}))"
)
_PAREN_EXCLUDED = re.compile(r"\([^()]*\)")


class Statement(NamedTuple):
    text: str  # normalised
    evidence: str  # as written


class Extraction(NamedTuple):
    values: tuple[str, ...]  # one per FIELDS, '' when not found
    evidence: str
    flags: int


EMPTY = Extraction(("",) * len(FIELDS), "", 0)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("≥", ">=").replace("≤", "<=").replace("\u00a0", " ")
    return text.translate(_DASHES).casefold()


def statements(text: str) -> list[tuple[str, str, bool]]:
    """(original, normalised, block_start) per statement; a blank line starts a new block."""
    out: list[tuple[str, str, bool]] = []
    block_start = True
    for raw_line in re.split(r"\r\n|\r|\n", text):
        if not raw_line.strip():
            block_start = True
            continue
        for piece in _SEGMENT.split(raw_line):
            original = _SPACES.sub(" ", piece).strip()
            if original:
                out.append((original, _fold(original), block_start))
                block_start = False
    return out


@dataclass
class _Found:
    """Candidate values of one report: field -> list of (raw value, key, evidence, general)."""

    items: dict[str, list[tuple[str, tuple, str, bool]]]
    flags: int = 0
    unread: list[str] | None = None  # statements not read, shown as evidence for the reviewer

    def unreadable(self, evidence: str) -> None:
        self.flags |= UNREADABLE
        if self.unread is None:
            self.unread = []
        if evidence not in self.unread:
            self.unread.append(evidence)

    def add(self, field: str, raw: str, key: tuple, evidence: str, general: bool = False) -> None:
        self.items.setdefault(field, []).append((raw, key, evidence, general))


def _topic(text: str) -> str | None:
    """'her2', 'er', 'pr', 'other' or None (no marker named)."""
    her2 = _HER2_RE.search(text)
    ish = _ISH_RE.search(text)
    er = _ER_RE.search(text)
    pr = _PR_RE.search(text)
    if her2 or (ish and not er and not pr):
        return "her2"
    if er and not pr:
        return "er"
    if pr and not er:
        return "pr"
    if er and pr:
        return "erpr"
    if _OTHER_RE.search(text):
        return "other"
    if _IHC_RE.search(text) and re.search(r"\bihc\b|immun", text):
        return "method"
    return None


def extract(text: str) -> Extraction:
    """Every HER2/ER/PR field one report states about this case. Never raises."""
    if not text or not _ANY.search(text):
        return EMPTY
    try:
        return _extract(text)
    except (ValueError, IndexError, OverflowError):  # defensive: a bug here must not stop a night's run
        return Extraction(("",) * len(FIELDS), "", UNREADABLE)


def _extract(text: str) -> Extraction:
    found = _Found({})
    topic: str | None = None
    excluded_block = False
    for original, folded, block_start in statements(text):
        if block_start:
            topic, excluded_block = None, False
        heading = folded.rstrip().endswith(":") and not _VALUE_HINT.search(folded.split(":")[-1] or " ")
        own = _topic(folded)
        if heading:
            excluded_block = bool(_EXCLUDE.search(folded))
            topic = own if own not in (None, "method") else topic
            continue
        if own is not None and own != "method":
            topic_here = own
        else:
            topic_here = topic
            if own == "method" and topic not in ("her2", "er", "pr"):
                topic_here = "method"
        if excluded_block:
            continue
        topic = _read_statement(folded, original, topic_here, found)
    return _resolve(found)


def _read_statement(folded: str, original: str, topic: str | None, found: _Found) -> str | None:
    """Read one statement's clauses; returns the topic that carries on to the next statement."""
    folded = _PAREN_EXCLUDED.sub(lambda m: " " if _EXCLUDE.search(m.group()) else m.group(), folded)
    clause_topic = topic
    excluded = False
    last = topic
    for clause in _CLAUSE.split(folded):
        clause = clause.strip()
        if not clause:
            continue
        own = _topic(clause)
        if own is not None and own != "method":
            clause_topic = own
            excluded = False
        elif own == "method" and clause_topic not in ("her2", "er", "pr"):
            clause_topic = "method"
        if _EXCLUDE.search(clause):
            excluded = True
        last = clause_topic
        if excluded or clause_topic in (None, "other", "method"):
            continue
        snippet = original if len(original) <= 240 else original[:237] + "..."
        if clause_topic == "her2":
            _read_her2(clause, snippet, found)
        elif clause_topic in ("er", "pr", "erpr"):
            _read_receptor(clause, clause_topic, snippet, found)
    return last


def _numbers(clause: str):
    """(match, label before, unit after) for each number of a clause."""
    matches = list(_NUMBER.finditer(clause))
    previous_end = 0
    for i, match in enumerate(matches):
        label = clause[previous_end:match.start()]
        following = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
        unit = clause[match.end():following]
        yield match, label, unit
        previous_end = match.end()


def _number_text(match: re.Match) -> str:
    text = (match.group("op") or "") + match.group("num")
    if match.group("hi"):
        text += "-" + match.group("hi")
    return text


def _read_her2(clause: str, snippet: str, found: _Found) -> None:
    ish = bool(_ISH_RE.search(clause))
    rest = clause
    for match, label, unit in _numbers(clause):
        unit_words = unit[:40]
        if _GROUP_LABEL.search(label) or _SCORE_LABEL.search(label):
            continue
        field = None
        if match.group("pct"):
            if not ish and not match.group("op") and not match.group("hi") and not _UNIFORM.search(label):
                field = "her2_ihc_percent"
            elif not ish:
                continue  # a bound or span of stained cells stays with the words the reader reads
        elif _RATIO_LABEL.search(label):
            field = "ish_ratio"
        elif _CEP17_LABEL.search(label) or (_CEP17_LABEL.search(unit_words) and not _COPY_LABEL.search(label)):
            field = "ish_cep17_copies"
        elif _COPY_LABEL.search(label) or _COPY_LABEL.search(unit_words[:25]):
            field = "ish_her2_copies"
        elif _CELL_LABEL.search(label) or _CELL_LABEL.search(unit_words[:20]):
            field = "ish_cells_counted"
        elif ish and _HER2_RE.search(label[-12:]) and "." in match.group("num"):
            field = "ish_her2_copies"
        if field is None:
            continue
        raw = _number_text(match)
        reading = read_number(raw, integer_thousands=field == "ish_cells_counted")
        if reading.kind == NumberKind.INVALID:
            found.unreadable(snippet)
            continue
        found.add(field, raw, (reading.kind, reading.value, reading.operator), snippet)
        rest = rest.replace(match.group(0), " ", 1)
    # probe and clone
    if _PROBE_DUAL.search(rest):
        found.add("ish_probe", "dual", ("dual",), snippet)
        rest = _PROBE_DUAL.sub(" ", rest)
    elif _PROBE_SINGLE.search(rest):
        found.add("ish_probe", "single", ("single",), snippet)
        rest = _PROBE_SINGLE.sub(" ", rest)
    clone = _CLONE_RE.search(rest)
    if clone:
        name = _HER2_CLONES.get(re.sub(r"\s+", " ", clone.group()), clone.group().upper())
        found.add("antibody_clone", name, (name,), snippet)
        rest = _CLONE_RE.sub(" ", rest)
        rest = re.sub(r"\b(?:clone|klon|clon|clono|kloon|antibody|antikörper|anticorps|anticuerpo|anticorpo"
                      r"|antilichaam|ventana|dako|leica|roche|agilent|pathway|oracle|bond)\b", " ", rest)
    if not _VALUE_HINT.search(rest):
        return
    value = _value_text(rest)
    if not value:
        return
    ish_words = bool(_ISH_RE.search(rest))
    ihc_score = re.search(r"[0-3]\s*\+|\+\s*[0-3]\b|score", rest)
    if ish_words and ihc_score and re.search(r"amplif|\bamp\b|group|gruppe|groupe|grupo|gruppo|groep", rest):
        found.unreadable(snippet)  # an IHC score and an ISH result in one clause: which is which?
        return
    if ish_words and not ihc_score:
        reading = read_ish_text(value)
        if reading.kind == IshKind.NONE:
            return
        if reading.kind == IshKind.UNREADABLE:
            found.unreadable(snippet)
            return
        if reading.kind == IshKind.AMPLIFIED and _NEGATOR.search(value):
            found.unreadable(snippet)  # a negation the reader did not scope: never read as amplified
            return
        found.add("ish_result", value, (reading.kind, reading.group), snippet)
        return
    reading = read_ihc(value)
    if reading.kind == IhcKind.NONE:
        return
    if reading.kind == IhcKind.UNREADABLE:
        found.unreadable(snippet)
        return
    if reading.kind in (IhcKind.POSITIVE_UNSCORED, IhcKind.SCORE) and reading.mask == 8 and re.search(
        r"\bnot\b|\bnicht\b|\bpas\b|\bno\b|\bnon\b|\bniet\b|\bgeen\b|\bkein", value
    ):
        found.unreadable(snippet)  # "not positive": a negation the reader did not scope
        return
    general = reading.kind in (IhcKind.NEGATIVE_UNSCORED, IhcKind.POSITIVE_UNSCORED) or (
        reading.kind == IhcKind.SCORE and not re.search(r"[0-3]|null|ultra|zero|nul\b", value)
    )
    found.add("her2_ihc", value, (int(reading.mask), int(reading.subtype), int(reading.kind)), snippet, general)


def _value_text(text: str) -> str:
    """The value part of a statement: after the label's colon, or the statement without its label words."""
    if ":" in text:
        _, _, tail = text.rpartition(":")
        if _VALUE_HINT.search(tail):
            text = tail
    text = _LABEL_WORDS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _LEAD_PUNCT.sub("", text.strip())
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ").strip()
    return _SPACES.sub(" ", text)


def _read_receptor(clause: str, topic: str, snippet: str, found: _Found) -> None:
    """ER/PR: the percentage of stained nuclei only (a status word alone gives no percentage)."""
    percents = [m for m in _NUMBER.finditer(clause) if m.group("pct")]
    if not percents:
        return
    if topic == "erpr" or len({_number_text(m) for m in percents}) > 1:
        found.unreadable(snippet)  # two receptors or two percentages: which is which?
        return
    raw = _number_text(percents[0]) + "%"
    reading = read_number(raw)
    if reading.kind == NumberKind.INVALID:
        found.unreadable(snippet)
        return
    field = "er_percent" if topic == "er" else "pr_percent"
    found.add(field, raw, (reading.kind, reading.value, reading.operator), snippet)


def _resolve(found: _Found) -> Extraction:
    values = []
    evidence: dict[str, list[str]] = {}
    flags = found.flags
    for field in FIELDS:
        items = found.items.get(field)
        if not items:
            values.append("")
            continue
        chosen = _choose(field, items)
        if chosen is None:
            flags |= CONFLICT
            values.append("")
            for item in items:
                evidence.setdefault(item[2], []).append(f"{field} conflict")
            continue
        values.append(chosen[0])
        evidence.setdefault(chosen[2], []).append(field)
    for snippet in found.unread or ():
        evidence.setdefault(snippet, []).append("not read")
    text = " | ".join(f"{snippet} [{', '.join(dict.fromkeys(fields))}]" for snippet, fields in evidence.items())
    return Extraction(tuple(values), text, flags)


def _choose(field: str, items: list[tuple[str, tuple, str, bool]]):
    """The one value all statements agree on, or None when they differ."""
    if field != "her2_ihc":
        keys = {item[1] for item in items}
        return items[0] if len(keys) == 1 else None
    specific = [i for i in items if not i[3]]
    general = [i for i in items if i[3]]
    if specific:
        masks = {i[1][0] for i in specific}
        if len(masks) > 1:
            return None
        subtypes = {i[1][1] for i in specific} - {0}
        if len(subtypes) > 1:
            return None
        mask = next(iter(masks))
        if any(not (g[1][0] & mask) for g in general):
            return None  # "HER2 negative" beside "3+"
        if subtypes:
            return next(i for i in specific if i[1][1] in subtypes)
        return specific[0]
    keys = {i[1] for i in general}
    return general[0] if len(keys) == 1 else None


# --- columns ----------------------------------------------------------------------------------

def _header_words(header: str) -> str:
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().casefold()
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


_TEXT_HEADERS = [" " + " ".join(re.findall(r"[a-z0-9]+", w)) + " " for w in TEXT_HEADER_WORDS]
_MENTION = re.compile(rf"{_HER2}|{_ISH_WORDS}|{_ER}|{_PR}")
SAMPLE = 500  # distinct values looked at when a column is judged by its content


def header_says_text(header: str) -> bool:
    """Whether a header names a report-text column ("Final Diagnosis", "Befund", "Commentaire")."""
    words = _header_words(header)
    return any(w in words for w in _TEXT_HEADERS)


def _content_carries(values: pd.Series) -> tuple[bool, bool]:
    """(mentions HER2/ER/PR, yields at least one field) for a sample of a column's distinct values."""
    distinct = pd.unique(values.dropna().astype(str))[:SAMPLE]
    mentions = yields = False
    for value in distinct:
        if len(value) < 4 or not _ANY.search(value):
            continue
        if _MENTION.search(_fold(value)):
            mentions = True
            result = extract(value)
            if any(result.values):
                return True, True
    return mentions, yields


@dataclass(frozen=True)
class TextSettings:
    """The config's ``[text]`` table: ``columns`` (only these; [] = none) and ``exclude``."""

    columns: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()


def text_columns(
    headers: Sequence[str],
    data: pd.DataFrame,
    mapped: Iterable[int],
    settings: TextSettings | None = None,
) -> list[str]:
    """The columns of one table that carry results in report text.

    Named in the config: exactly those. Otherwise an unmapped column whose header names report
    text and whose values mention a marker, or any unmapped column whose values yield a field.
    """
    settings = settings or TextSettings()
    key = _header_words
    if settings.columns is not None:
        wanted = {key(c) for c in settings.columns}
        return [h for h in headers if key(h) in wanted]
    excluded = {key(c) for c in settings.exclude}
    mapped = set(mapped)
    chosen = []
    for position, header in enumerate(headers):
        if position in mapped or key(header) in excluded or header not in data:
            continue
        mentions, yields = _content_carries(data[header])
        if yields or (mentions and header_says_text(header)):
            chosen.append(header)
    return chosen


def carries_her2_in_text(
    headers: Sequence[str], data: pd.DataFrame, mapped: Iterable[int], settings: TextSettings | None = None
) -> bool:
    """Hook for the no-HER2-column check: True when report text of this table states a HER2 field."""
    for column in text_columns(headers, data, mapped, settings):
        distinct = pd.unique(data[column].dropna().astype(str))[:SAMPLE]
        for value in distinct:
            values = extract(value).values
            if any(values[FIELDS.index(f)] for f in HER2_FIELDS):
                return True
    return False


# --- the run's step -------------------------------------------------------------------------

def extract_series(text: pd.Series) -> pd.DataFrame:
    """One row of extracted fields per text, each distinct text read once."""
    def parse(raw: str) -> tuple:
        result = extract(raw)
        return (*result.values, result.evidence, result.flags)

    spec: dict[str, object] = {f: object for f in FIELDS}
    spec[EVIDENCE_COLUMN] = object
    spec["_flags"] = np.int8
    return map_distinct(text, parse, spec)


class TextResult(NamedTuple):
    raw: pd.DataFrame  # canonical raw text, blanks filled from report text
    evidence: np.ndarray  # object: the snippets per row ('' where nothing was read)
    used: np.ndarray  # bool: a canonical field was filled from text
    conflict: np.ndarray  # bool: report text gives two values for one field
    unreadable: np.ndarray  # bool: a statement about HER2/ER/PR could not be read
    disagrees: np.ndarray  # bool: a value read from text differs from the structured column
    columns: dict[int, list[str]]  # table number -> its text columns


def joined_text(originals: pd.DataFrame, columns: Mapping[int, Sequence[str]]) -> pd.Series:
    """Per row, its table's text columns joined by blank lines (so context never runs across)."""
    text = pd.Series("", index=originals.index, dtype=object)
    if not columns:
        return text
    table = originals["_table"].to_numpy()
    for name in sorted({c for cs in columns.values() for c in cs}):
        tables = [t for t, cs in columns.items() if name in cs]
        rows = np.isin(table, tables)
        values = originals[name].astype("string").fillna("").to_numpy(dtype=object)
        values = np.where(rows, values, "")
        text = pd.Series(np.where(values != "", np.where(text.to_numpy() != "", text + "\n\n", "") + values,
                                  text.to_numpy()), index=originals.index, dtype=object)
    return text


def _keys(field: str, values: pd.Series) -> pd.Series:
    """A comparable reading per value (per distinct value)."""
    if field == "her2_ihc":
        def key(raw: str) -> tuple:
            r = read_ihc(raw)
            return (f"{r.mask}:{r.subtype}:{r.kind}",)
    elif field == "ish_result":
        def key(raw: str) -> tuple:
            r = read_ish_text(raw)
            return (f"{r.kind}:{r.group}",)
    elif field in ("ish_probe", "antibody_clone"):
        def key(raw: str) -> tuple:
            return (re.sub(r"[^0-9a-z]+", "", raw.casefold()),)
    else:
        def key(raw: str) -> tuple:
            r = read_number(raw.replace("%", ""), integer_thousands=field == "ish_cells_counted")
            return (f"{r.kind}:{r.value!r}:{r.operator}",)
    return map_distinct(values, key, {"k": object})["k"]


def apply(raw: pd.DataFrame, originals: pd.DataFrame, columns: Mapping[int, Sequence[str]]) -> TextResult:
    """Fill blank canonical fields from report text; flag conflicts and disagreements.

    ``columns`` maps each table number (``originals['_table']``) to its text columns.
    """
    n = len(raw)
    none = np.zeros(n, dtype=bool)
    if not columns or not any(columns.values()) or not n:
        return TextResult(raw, np.full(n, "", dtype=object), none, none, none, none.copy(), dict(columns))
    text = joined_text(originals, columns)
    found = extract_series(text)
    raw = raw.copy()
    used = np.zeros(n, dtype=bool)
    disagrees = np.zeros(n, dtype=bool)
    for field in FIELDS:
        extracted = found[field].to_numpy(dtype=object)
        has_text = extracted != ""
        if not has_text.any():
            continue
        structured = raw[field] if field in raw else pd.Series(pd.NA, index=raw.index, dtype="string")
        blank = structured.fillna("").str.strip().to_numpy(dtype=object) == ""
        fill = blank & has_text
        both = ~blank & has_text
        if both.any():
            left = _keys(field, structured[both].astype(str))
            right = _keys(field, pd.Series(extracted[both], index=structured.index[both], dtype=object))
            differ = np.zeros(n, dtype=bool)
            differ[np.flatnonzero(both)] = left.to_numpy() != right.to_numpy()
            disagrees |= differ
        if fill.any():
            merged = structured.astype("string").to_numpy(dtype=object)
            merged = np.where(fill, extracted, merged)
            raw[field] = pd.Series(merged, index=raw.index).astype("string")
            used |= fill
    flags = found["_flags"].to_numpy()
    return TextResult(
        raw,
        found[EVIDENCE_COLUMN].to_numpy(dtype=object),
        used,
        (flags & CONFLICT) != 0,
        (flags & UNREADABLE) != 0,
        disagrees,
        dict(columns),
    )


def explain_source(explanation: pd.Categorical | pd.Series, used: np.ndarray) -> pd.Categorical:
    """The explanation, saying where a result was read from report text."""
    categorical = pd.Categorical(explanation)
    categories = list(categorical.categories)
    if not used.any():
        return categorical
    prefixed = [f"{EXPLANATION_PREFIX}: {c}" if c else EXPLANATION_PREFIX for c in categories]
    codes = categorical.codes.astype(np.int64)
    codes = np.where(used & (codes >= 0), codes + len(categories), codes)
    return pd.Categorical.from_codes(codes, categories=[*categories, *prefixed])
