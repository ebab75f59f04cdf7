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

Speed: each distinct report is read once (textnorm.map_distinct); within it each distinct line,
statement and value is read once (bounded caches: template lines repeat across reports that
differ); a cheap test skips statements that name no marker; slow patterns run only where a looser
twin matches. A table whose report text states HER2 sets ``Table.carries_her2`` (the hook of the
no-HER2-column check).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from her2batch.codes import IhcKind, IshKind, NumberKind
from her2batch.understand.textnorm import map_distinct
from her2batch.understand.values import read_ihc as _read_ihc
from her2batch.understand.values import read_ish_text as _read_ish_text
from her2batch.understand.values import read_number as _read_number
from her2batch.understand.wording import COMPLETENESS, INTENSITIES, phrase_key, vocabulary

# Report values repeat ("Negative (Score 1+)", "not amplified"): each distinct one is read once.
read_ihc = lru_cache(maxsize=65_536)(_read_ihc)
read_ish_text = lru_cache(maxsize=65_536)(_read_ish_text)
read_number = lru_cache(maxsize=65_536)(_read_number)

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
CONFLICT, UNREADABLE, IN_SITU = 1, 2, 4

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

_HER2 = r"(?:her[\s-]?2(?:\s*/\s*neu|[\s-]?neu)?|(?:c-?)?erb-?b-?2|hercep\s?test)"
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
    r"|verh[äa]ltnis|quotient|\brapport\b|raz[oó]n|cociente|rapporto|verhouding|ploid\w*|polysom\w*"
    r"|\b(?:group|gruppe|groupe|grupo|gruppo|groep)\s*[1-5]\b)"
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
_IN_SITU = re.compile(
    r"\bdcis\b|\blcis\b|carcino\w*(?:\s+\w+){0,2}\s+in[\s-]situ|in[\s-]situ[\s-]?(?:karzinom|carcinom)\w*"
    r"|intra-?ductal\w*|intraduktal\w*|canalaire\s+in\s+situ"
)
_CONTROL_WORDS = (
    r"\bcontrols?\b|kontroll\w*|contr[ôo]les?\b|t[ée]moins?\b|\bcontroles?\b|controll[oi]\b|\bcontrole\b|\bcontrolos?\b"
    # Nordic, Central European, Romanian, Turkish, Greek: kontrol, kontrola, kontrolní, verrokki, martor, μάρτυρας
    r"|\bkontrol\w*|\bverrok\w*|\bmartor\w*|μ[άα]ρτυρ\w*"
)
# words that say a statement is about another specimen (a prior, outside or contralateral one)
_OTHER_SPECIMEN_WORDS = (
    r"for\s+(?:reference|comparison)|zum\s+vergleich|pour\s+r[ée]f[ée]rence|como\s+referencia|per\s+riferimento"
    r"|ter\s+vergelijking|\bprior\b|\bprevious\w*|\bearlier\b|\bformer\w*|\boutside\b|\bhistoric\w*|\bold\s+(?:biopsy|specimen|report)"
    r"|vorbefund\w*|vorherig\w*|fr[üu]her\w*|vorbiops\w*|vorangegangen\w*|ant[ée]rieur\w*|pr[ée]c[ée]dent\w*"
    r"|\bprevi[oa]s?\b|\banterior(?:es|mente)?\b|precedent\w*|\beerder\w*|\bvorig\w*|voorgaand\w*"
    r"|\bcontralateral\w*|controlat[ée]ral\w*|kontralateral\w*|other\s+specimen"
    # earlier, previous: sv, da/nb, fi, pl, cs, sk, hu, ro, tr, el
    r"|\btidigare\b|\btidligere\b|\bforrige\b|\bföreg[åa]ende\b|\bforeg[åa]ende\b|\baiemm\w*|\baikaisemm\w*"
    r"|\bedellis\w*|\bedellinen\b|\bpoprzedni\w*|\bwcze[śs]niejsz\w*|\bp[řr]edchoz\w*|\bp[řr]ede[šs]l\w*|\bd[řr][íi]v[ěe]j[šs]\w*"
    r"|\bpredch[áa]dzaj[úu]c\w*|\bpredo[šs]l\w*|\bkor[áa]bbi\w*|\bel[őo]z[őo]\w*|\banterioar\w*|\b[öo]nceki\b"
    r"|προηγο[ύυ]μεν\w*"
    r"|compared\s+(?:to|with)|verglichen|compar[ée]\w*|comparado\w*|confrontat\w*|vergeleken"
)
_CONTROL = re.compile(_CONTROL_WORDS)
_OTHER_SPECIMEN = re.compile(_OTHER_SPECIMEN_WORDS)
# what a statement may be about that is not this case's result: a control, another specimen, in situ
# carcinoma, a hypothesis, a recommendation or definition, an eligibility, a comparison
_EXCLUDE = re.compile(
    rf"{_CONTROL_WORDS}|{_OTHER_SPECIMEN_WORDS}"
    r"|\bdcis\b|\blcis\b|\bcis\b|carcino\w*(?:\s+\w+){0,2}\s+in[\s-]situ|in[\s-]situ[\s-]?(?:karzinom|carcinom)\w*"
    r"|intra-?ductal\w*|intraduktal\w*|canalaire\s+in\s+situ"
    r"|\bif\b|\bwenn\b|\bfalls\b|\bindien\b|recommend(?:ed|s)?\b|empfohlen|empfiehlt|recommand[ée]e?s?\b"
    r"|recomiend\w*|recomendad[oa]s?\b|raccomandat[oa]\b|si\s+raccomanda|aanbevolen\b|\bwould\b|\bshould\b|defined\s+as|definition\w*"
    r"|definiert|d[ée]fini\w*|definid\w*|gedefinieerd"
    r"|eligib\w*|[ée]ligib\w*|elegib\w*|eleggibil\w*|in\s+aanmerking|\bmay\s+be\b|\bconsider\w*"
    r"|\bvs\.?\b|\bversus\b"
)

_NUMBER = re.compile(
    r"(?<![\w.,/+-])(?P<op><=|>=|=<|=>|[<>≤≥])?\s*(?P<num>\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:-|to|bis|à|a|al)\s*(?P<hi>\d+(?:[.,]\d+)?))?"
    r"(?P<pct>\s*(?:%|percent\b|per\s?cent\b|prozent\b|pour\s?cent\b|por\s?ciento\b|per\s?cento\b|procent\b))?"
    r"(?![\w+]|[.,]\d|\s*\+)"
)
_RATIO_LABEL = re.compile(
    r"ratio|verh[äa]ltnis|quotient|\brapport\b|raz[oó]n|raz[ãa]o|cociente|rapporto|verhouding"
    r"|her-?2\s*[/:]\s*(?:cep|cen|chr|d17z1|chromosom\w*)"
    r"|\bkvot\w*|\bkvotient\w*|\bforhold\w*|\bsuhde\w*|\bstosun\w*|wsp[óo][łl]czynnik\w*|\bpom[ěe]r\w*|\bar[áa]ny\w*"
    r"|\braport\w*|\boran\w*|λ[όο]γο\w*|αναλογ[ίι]\w*"  # noqa: RUF001 (Greek letters)
)
_CEP17_LABEL = re.compile(r"cep\s?17|cen\s?17|chr\s?17|chromosom\w*\s*17|cromosoma\s*17|d17z1|centromer\w*")
_COPY_LABEL = re.compile(
    r"cop(?:y|ies)|signal\w*|kopie\w*|c[oó]pias?|se[ñn]al\w*|segnal\w*|sina(?:l|is)\b|copie\b|\bcn\b|dots"
    r"|\bkopi\w*|k[óo]pi\w*|\bcopii\b|\bkopya\w*|signaal\w*|sygna[łl]\w*|sign[áa]l\w*|\bjel(?:ek|ei|ek\s+sz[áa]ma)?\b"
    r"|semnal\w*|sinyal\w*|αντ[ίι]γραφ\w*|σ[ήη]ματ\w*"  # noqa: RUF001 (Greek letters)
)
_CELL_LABEL = re.compile(
    r"\bcells?\b|nuclei|nucleus|zell\w*|kerne?\b|kernen\b|cellules?|noyaux|c[ée]lulas?|n[uú]cleos?"
    r"|cellul[ea]\b|\bcel(?:len)?\b"
    r"|\bceller\w*|\bcelle\w*|k[äa]rnor\w*|\bkerner\w*|\bkjerner\w*|\bsolu\w*|\btum(?:aa|ia|at|an)\b|kom[óo]r\w*"
    r"|\bj[ąa]der\b|\bj[áa]der\b|\bjadier\b|bun[ěe]k\w*|buniek\w*|\bsejt\w*|\bcelul\w*|nucle\w*|h[üu]cre\w*"
    r"|[çc]ekirdek\w*|κ[ύυ]τταρ\w*|πυρ[ήη]ν\w*"  # noqa: RUF001 (Greek letters)
)
_GROUP_LABEL = re.compile(r"(?:group|grp|gruppe|groupe|grupo|gruppo|groep)\s*(?:#\s*)?$")
_SCORE_LABEL = re.compile(r"(?:score|punkte?|punteggio|puntuaci[oó]n|allred|h-?score|grade?)\s*[:=]?\s*(?:of\s+)?$")

# words a statement needs before it is read as a result at all
_SCORE_WORDS = r"\b(?:one|two|three)\s+plus\b|score\s+(?:of\s+)?(?:zero|one|two|three)\b"
_VALUE_HINT = re.compile(
    r"posit|negat|\bneg\b|\bpos\b|n[ée]gati|equivo|[ée]quivo|zweifel|grenzwert|dudos|dubbi|twijfel|borderline|indetermin"
    r"|ind[ée]termin|amplif|\bamp\b|non-?amp|gruppe?\b|groupe?\b|grupo\b|gruppo\b|groep\b|\bgroup\b|\bnull\b"
    rf"|ultra-?\s?low|[0-3]\s*\+|\+\s*[0-3]\b|score\s*[:=]?\s*[0-3]\b|{_SCORE_WORDS}|pending|ausstehend|en\s+cours|pendiente"
    r"|in\s+corso|volgt|cannot|could\s+not|unable|failed|uninterp|not\s+(?:interpretable|evaluable|assessable)"
    r"|interpr[ée]?t|valutabil|valorabl|[ée]valuabl|auswertbar|beurteilbar|beoordee"  # indeterminate, 6 languages
    r"|\bkein\w*|\bgeen\b|\bnicht\b|\bpas\b|\bsin\b|\bsenza\b|\bno\b|\bnot\b|\bnon\b|\bniet\b"
    r"|see\s+(?:comment|addendum|note|report|below)|to\s+follow|will\s+be\s+reported|addendum|nachtrag|suivra"
    r"|\b\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b|^\W*[0-3]\W*$|(?:^|[\s:(])[0-3](?=\s*(?:$|[).,;]|\())|\blow\b|\bweak|\bfaint|schwach|faible|d[ée]bil|debole|zwak"
)
_WORD_HINT = re.compile(r"[0-3]\s*\+|score\s*[0-3]|posit|negat|n[ée]gat|equivo|[ée]quivo|amplif"
                        r"|indetermin|null|ultra|group|gruppe|groupe|grupo|gruppo|groep|pending|\bnot\b|\bno\b"
                        r"|cannot\s+be\s+(?:determined|assessed|evaluated|interpreted)|uninterpret")
_NEGATOR = re.compile(
    r"\bno\b|\bnot\b|\bnon\b|\bnone\b|\bwithout\b|\babsen\w*|\bkein\w*|\bnicht\w*|\bohne\b|\bpas\b|\bsans\b"
    r"|\baucune?\b|\bsin\b|\bningun\w*|\bnessun\w*|\bsenza\b|\bgeen\b|\bniet\b|\bzonder\b|\bneg\w*|\bn[ée]g\w*"
)

_HER2_CLONES = {
    "4b5": "4B5", "cb11": "CB11", "a0485": "A0485", "a 0485": "A0485", "sp3": "SP3", "ep3": "EP3",
    "10a7": "10A7", "5a2": "5A2",
}  # HercepTest is an assay (kit), not a clone
_CLONE_RE = re.compile(r"\b(?:4b5|cb11|a\s?0485|sp3|ep3|10a7|5a2)\b")
_PROBE_DUAL = re.compile(
    r"dual[\s-]?(?:probe|colou?r|ish|sonde|sonda|color)|two[\s-]?colou?r|zweifarb\w*|double\s+sonde|bicolore"
    r"|sonda\s+dual|doppia\s+sonda|dubbele\s+probe|dual[\s-]probe|doble\s+sonda|sonde\s+double"
    # sv/da/nb, fi, pl, cs/sk, hu, ro, tr, el
    r"|dubbel\w*prob\w*|dobbelt?\w*prob\w*|kaksoiskoet\w*|kaksiv[äa]ri\w*|sond\w*\s+(?:podw[óo]jn|dwubarwn|dwukolorow)\w*"
    r"|(?:podw[óo]jn|dwubarwn|dwukolorow)\w*\s+sond\w*|du[áa]ln\w*\s+sond\w*|sond\w*\s+du[áa]ln\w*|dvojit\w*\s+sond\w*"
    r"|k[ée]tsz[íi]n[űu]\w*|kett[őo]s\s+szond\w*|sond[ăa]\s+dubl[ăa]|sond[ăa]\s+dual[ăa]|[çc]ift\s+prob\w*|[çc]ift\s+renkli"
    r"|ikili\s+prob\w*|διπλ\w*\s+ανιχνευτ\w*|διπλ\w*\s+ιχνηθ\w*"
)
_PROBE_SINGLE = re.compile(r"single[\s-]?(?:probe|colou?r)|einzel\w*\s*sonde|sonde\s+unique|sonda\s+[uú]nica|sonda\s+singola"
                           r"|enkel\w*prob\w*|sond[ăa]\s+simpl[ăa]|tekli\s+prob\w*|pojedyncz\w*\s+sond\w*")

# label words taken off a statement before its value is read
_LABEL_WORDS = re.compile(
    rf"{_HER2}(?:[\s-]?(?:gen[e]?|protein|status|expression))?(?!-(?:null|ultra|low|zero|0\b))"
    r"|\b(?:by|per|using|with|for|on|via|mittels|durch|par|pour|por|para|con|mediante|tramite|met|door|van|voor)\s+"
    r"(?:ihc|immun\w*|inmunohisto\w*|fish|sish|cish|ish|in[\s-]situ[\s-]\w+|hibridaci[oó]n\s+in\s+situ|hybridation\s+in\s+situ|ibridazione\s+in\s+situ)\b"
    r"|\b(?:ihc|fish|sish|cish|ddish|ish)\b|immunhisto\w*|immunohisto\w*|inmunohisto\w*|immunoistochim\w*"
    r"|(?:(?:fluorescen\w*|chromogen\w*|silver|bright-?field|dual)\s+)?in[\s-]?situ[\s-]?hybridi[sz]\w*"
    r"|hybridation\s+in\s+situ(?:\s+en\s+fluorescence)?|hibridaci[oó]n\s+in\s+situ|ibridazione\s+in\s+situ"
    r"|in[\s-]situ[\s-]hybridisatie"
    r"|\b(?:result|results|status|interpretation|overall|final|ergebnis|resultat|r[ée]sultat|resultado|risultato"
    r"|uitslag|resultaat|befund|statut|estado|stato)\b"
    r"|\b(?:is|was|are|shows?|showed|demonstrates|demonstrated|reveals?|revealed|ist|zeigt|war|est|montre|était"
    r"|es|muestra|fue|è|mostra|era|toont|blijkt|tested|getestet|found|gefunden)\b"
    r"|\b(?:the|der|die|das|le|la|les|el|los|las|il|lo|de|het)\b"
    r"|\b(?:consistent|compatible|compatibile|vereinbar|passend|in\s+keeping)\s+(?:with|mit|avec|con|bij)(?:\s+an?\b)?"
)
_LEAD_PUNCT = re.compile(r"^[\s:=\-,.;/()]+|[\s:=\-,;/(.]+$")
_SPACES = re.compile(r"[ \t\f\v]+")
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))

# statements: lines, semicolons, bullets, sentence ends (not decimal points)
_SEGMENT = re.compile(r";|\u2022|\|(?<=\s\|)(?=\s)|\.(?<=[^\d\s.]\.)(?=\s|$)|\.(?<=\d\.)(?=\s+[^\d\s])")
_CLAUSE = re.compile(
    rf",(?=\s*\S)(?!\d)|\s+(?:and|und|et|y|e|en|with|mit|avec|con|met|sowie|bzw\.?)\s+(?={_MARKER_ANCHOR})"
    rf"|\((?=\s*(?:{_MARKER_ANCHOR}))|\s{{2,}}(?={_MARKER_ANCHOR})|\s/\s(?={_MARKER_ANCHOR})"
    rf"|(?<=[%+])\s+(?={_HER2}|{_ER}|{_PR}|{_OTHER_MARKER})"
)
_PAREN_EXCLUDED = re.compile(r"\([^()]*\)")
def _qualifies_statement(aside: str) -> bool:
    """Whether a parenthesis stays in its statement: one that is not about a control, a prior
    result or a hypothesis, "(DCIS)", and one naming another specimen with no result of its own
    (then it excludes its clause). An aside with a result of its own ("(external control 3+)",
    "(previously reported as 0)") is dropped and the statement read without it."""
    if _CONTROL.search(aside):
        return False
    if not _EXCLUDE.search(aside) or _IN_SITU.search(aside):
        return True
    return bool(_OTHER_SPECIMEN.search(aside)) and not _VALUE_HINT.search(aside.strip("()"))


class _Prefiltered:
    """A regex searched only where its looser twin (no word boundaries or look-behinds) matches:
    Python's engine scans a pattern that starts with plain letters much faster."""

    __slots__ = ("exact", "loose", "pattern")

    def __init__(self, exact: re.Pattern) -> None:
        self.exact, self.pattern = exact, exact.pattern
        self.loose = re.compile(re.sub(r"\\b|\(\?<[!=][^)]*\)", "", exact.pattern), exact.flags)

    def search(self, text: str):
        return self.exact.search(text) if self.loose.search(text) else None

    def finditer(self, text: str):
        return self.exact.finditer(text) if self.loose.search(text) else iter(())

    def sub(self, repl, text: str) -> str:
        return self.exact.sub(repl, text) if self.loose.search(text) else text




class Extraction(NamedTuple):
    values: tuple[str, ...]  # one per FIELDS, '' when not found
    evidence: str
    flags: int


EMPTY = Extraction(("",) * len(FIELDS), "", 0)


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKC", text).replace("≥", ">=").replace("≤", "<=").replace("\u00a0", " ")
    return text.translate(_DASHES).casefold()


_WRAPPED = re.compile(r"^[a-zà-ÿ(]")
# a line ending in one of these carries on even when the next starts with a number ("more than\n10%")
_CONNECTOR_END = re.compile(
    r"\b(?:than|of|in|and|or|to|per|with|approximately|about|is|was|als|von|de|di|van|que|del|dan|mit|con|met)$",
    re.I)  # a line that carries on the sentence above it
_LEADERS = re.compile(r"\.{3,}|_{3,}")  # dotted leaders: "ER.......POSITIVE"
_GAP = re.compile(r"[ \t]{2,}")


def _lines(text: str) -> list[tuple[str, bool]]:
    """(line, block_start) per line; a blank line starts a new block, and a line that starts in
    lower case continues the sentence of the line above (wrapped text)."""
    lines: list[tuple[str, bool]] = []
    block_start = True
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line:
            block_start = True
            continue
        if lines and not block_start and not lines[-1][0].endswith((".", ":")) and (
                _WRAPPED.match(line) or (line[0].isdigit() and _CONNECTOR_END.search(lines[-1][0]))):
            lines[-1] = (lines[-1][0] + " " + line, lines[-1][1])
        else:
            lines.append((line, block_start))
        block_start = False
    return lines


def statements(text: str) -> list[tuple[str, str, bool]]:
    """(original, normalised, block_start) per statement."""
    out: list[tuple[str, str, bool]] = []
    for line, starts in _lines(text):
        for original, folded in _line_statements(line):
            out.append((original, folded, starts))
            starts = False
    return out


@lru_cache(maxsize=32_768)  # bounded: unique lines evict each other, template lines stay
def _line_statements(line: str) -> tuple[tuple[str, str], ...]:
    """A line's statements as written and normalised (template lines repeat: each is cut once)."""
    if "..." in line or "___" in line:
        line = _LEADERS.sub(": ", line)
    if "  " in line or "\t" in line:
        line = _GAP.sub(" / ", line)
    pieces = _SEGMENT.split(line) if (";" in line or "." in line or "|" in line or "\u2022" in line) else (line,)
    if "." in line and len(pieces) > 1:
        pieces = _rejoin_abbreviations(line, pieces)
    out = []
    for piece in pieces:
        original = _SPACES.sub(" ", piece).strip(" /")
        if original:
            out.append((original, _fold(original)))
    return tuple(out)


# a full stop after these ends no statement: "schwache bzw. basolaterale Färbung", "ca. 40 %", "vs. 2+"
_ABBREVIATION = re.compile(
    r"(?:^|[\s(/])(?:bzw|ca|approx|resp|vs|z\.\s?b|u\.\s?a|e\.\s?g|i\.\s?e|incl|inkl|evtl|ggf|sog|vgl|cf|env"
    r"|p\.\s?ex|aprox|p\.\s?ej|cfr|ecc|bijv|o\.\s?a|d\.\s?w\.\s?z|zw|dr|prof|nr|n[°º])$",
    re.IGNORECASE,
)


def _rejoin_abbreviations(line: str, pieces: list[str]) -> list[str]:
    """The line cut into statements again, except at the full stop of an abbreviation."""
    out: list[str] = []
    begin = 0
    for cut in _SEGMENT.finditer(line):
        if cut.group() == "." and _ABBREVIATION.search(line[begin : cut.start()]):
            continue  # "bzw.", "ca.": the statement goes on
        out.append(line[begin : cut.start()])
        begin = cut.end()
    out.append(line[begin:])
    return out


@dataclass
class _Found:
    """Candidate values of one report: field -> list of (raw value, key, evidence, rank).

    rank: 0 = explicit (a score, a group, a number), 1 = a status word ("negative", "amplified"),
    2 = a description only ("faint incomplete staining").
    """

    items: dict[str, list[tuple[str, tuple, str, int]]]
    flags: int = 0
    unread: list[str] | None = None  # statements not read, shown as evidence for the reviewer
    weak_unread: list[str] | None = None  # descriptions not read: matter only when nothing else is
    in_situ: list[str] | None = None  # HER2 results of in situ carcinoma: matter only when no other HER2
    unnamed: list[str] | None = None  # HER2 named with words no reader knows: matter only when no other HER2

    def add(self, field: str, raw: str, key: tuple, evidence: str, rank: int = 0) -> None:
        self.items.setdefault(field, []).append((raw, key, evidence, rank))

    def unreadable(self, evidence: str, weak: bool | str = False) -> None:
        if weak == "in situ":
            self.in_situ = [*(self.in_situ or []), evidence]
            return
        if weak == "unnamed":
            self.unnamed = [*(self.unnamed or []), evidence]
            return
        if weak:
            self.weak_unread = [*(self.weak_unread or []), evidence]
            return
        self.flags |= UNREADABLE
        if self.unread is None:
            self.unread = []
        if evidence not in self.unread:
            self.unread.append(evidence)


def _topic(text: str) -> str | None:
    """'her2', 'er', 'pr', 'erpr', 'mixed', 'other', 'method' or None (no marker named)."""
    her2 = _HER2_RE.search(text)
    ish = _ISH_RE.search(text)
    er = _ER_RE.search(text)
    pr = _PR_RE.search(text)
    if her2 and (er or pr):
        return "mixed"
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
    if re.search(r"\bihc\b|immun", text):
        return "method"
    return None


def extract(text: str) -> Extraction:
    """Every HER2/ER/PR field one report states about this case. Never raises."""
    if not text or text.isspace():
        return EMPTY
    try:
        return _extract(text)
    except Exception:
        return Extraction(("",) * len(FIELDS), "report text could not be read [not read]", UNREADABLE)


_READ_TOPICS = ("her2", "er", "pr", "erpr", "mixed")


def _extract(text: str) -> Extraction:
    found = _Found({})
    context: tuple[str | None, bool] = (None, False)  # (topic, about ISH) carried to the next statement
    excluded = False  # under a heading about a control, a prior specimen...
    items = found.items
    for line, block_start in _lines(text):
        if block_start:
            context, excluded = (None, False), False
        read, context, excluded = _line(line, context, excluded)
        for field, item in read:
            if field is None:
                found.unreadable(*item)
            elif field in items:
                items[field].append(item)
            else:
                items[field] = [item]
    return _resolve(found)


IN_SITU_BLOCK = "in situ"  # the block under a heading about in situ carcinoma: its HER2 results are said, not used


@lru_cache(maxsize=32_768)  # bounded: unique lines evict each other, template lines stay
def _line(line: str, context: tuple[str | None, bool], excluded: bool | str):
    """One line's findings as (snippet, actions) per statement, and the context and exclusion that
    carry on (template lines repeat across reports: each distinct line is read once per context)."""
    read = []
    for original, folded in _line_statements(line):
        if folded.endswith(":"):  # a heading: sets the topic, or excludes its block
            excluded = bool(_EXCLUDE.search(folded)) and not _CONTROL.exact.fullmatch(folded.strip(" :"))
            if excluded and _IN_SITU.search(folded):
                excluded = IN_SITU_BLOCK
            own = _topic(folded)
            if own in _READ_TOPICS:
                context = (own, bool(_ISH_RE.search(folded)))
            if own == "her2" and not excluded:  # "HER2 dual-probe ISH (INFORM):", "HER2 IHC (4B5):"
                recorder = _Recorder()
                _probe_and_clone(folded, "", recorder)
                snippet = original if len(original) <= 240 else original[:237] + "..."
                read.extend((a[0], (a[1], a[2], snippet, a[3])) for a in recorder.actions)
            continue
        if excluded:
            if excluded == IN_SITU_BLOCK and _HER2_RE.search(folded) and _VALUE_HINT.search(folded):
                read.append((None, (original, "in situ")))  # "Immunohistochemistry on DCIS: HER2 3+": said, not used
            continue
        actions, context = _statement(folded, context)
        if actions:
            snippet = original if len(original) <= 240 else original[:237] + "..."
            for action in actions:  # (field, (raw value, key, snippet, rank)) or (None, (snippet, weak))
                if action[0] is None:
                    read.append((None, (snippet, action[1])))
                else:
                    read.append((action[0], (action[1], action[2], snippet, action[3])))
    return tuple(read), context, excluded


class _Recorder:
    """What reading one statement found, without its snippet, so that it can be cached."""

    __slots__ = ("actions",)

    def __init__(self) -> None:
        self.actions: list[tuple] = []

    def add(self, field: str, raw: str, key: tuple, evidence: str, rank: int = 0) -> None:
        self.actions.append((field, raw, key, rank))

    def unreadable(self, evidence: str, weak: bool = False, in_situ: bool = False) -> None:
        self.actions.append((None, "in situ" if in_situ else weak))


@lru_cache(maxsize=32_768)  # bounded: unique lines evict each other, template lines stay
def _statement(folded: str, context: tuple[str | None, bool]) -> tuple[tuple, tuple[str | None, bool]]:
    """Read one statement (template lines repeat across reports: each distinct one is read once)."""
    recorder = _Recorder()
    context = _read_statement(folded, context, recorder)
    return tuple(recorder.actions), context


_STEMS = ("her", "erb", "fish", "ish", "ihc", "cep", "cen", "chr", "ratio", "ampl", "strog", "estr", "progest",
          "pgr", "cept", "rezept", "recett", "immun", "hybrid", "ki", "p53", "cd", "ck", "pd", "quot", "verh",
          "rapport", "raz", "cocient", "verhoud", "gen", "copi", "copy", "signal", "segnal", "se\u00f1al",
          # the other supported languages' ratio, copy, cell and count words
          "kvot", "forhold", "suhde", "stosun", "pom\u011br", "pomer", "ar\u00e1ny", "arany", "raport", "oran",
          "kopi", "k\u00f3pi", "kopya", "sygna", "sign\u00e1l", "semnal", "sinyal", "jader", "j\u00e1der",
          "j\u0105der", "sejt", "solu", "tumaa", "tumia", "k\u00e4rnor", "kerner", "kjerner", "celler",
          "kom\u00f3r", "bun\u011bk", "buniek", "celul", "h\u00fccre", "\u00e7ekirdek", "\u03ba\u03cd\u03c4\u03c4\u03b1\u03c1",
          "\u03c0\u03c5\u03c1\u03ae\u03bd", "\u03bb\u03cc\u03b3", "\u03b1\u03bd\u03c4\u03af\u03b3\u03c1")
_STEM_RE = re.compile("|".join(_STEMS))  # plain letters: the engine scans these fast
_MARKER_WORD_RE = re.compile(r"\b(?:er|pr|re|rp|rh|ar|msi|mmr)\b")


def _names_marker(folded: str) -> bool:
    """Cheap test: could this statement name a marker or an ISH term at all?"""
    return _STEM_RE.search(folded) is not None or _MARKER_WORD_RE.search(folded) is not None


def _read_statement(folded: str, context: tuple[str | None, bool], found: _Recorder):
    """Read one statement's clauses; returns the context that carries on to the next statement."""
    if context[0] is None and not _names_marker(folded):
        return context
    # an aside about a control, a prior result or a hypothesis is dropped; "(DCIS)" excludes its clause,
    # and so does an aside that names another specimen without a result of its own: "Block A2 (prior
    # biopsy S24-123): HER2 3+", "HER2 3+ (for comparison only)" are about that other specimen
    folded = _PAREN_EXCLUDED.sub(lambda m: m.group() if _qualifies_statement(m.group()) else " ", folded)
    topic, ish_context = context
    ish_statement = bool(_ISH_RE.search(folded)) or (ish_context and _HER2_RE.search(folded) is None)
    inherited = True
    snippet = ""  # the caller attaches the statement as written
    for clause in _CLAUSE.split(_join_descriptions(folded)):
        clause = clause.strip()
        if not clause:
            continue
        own = _topic(clause)
        if _EXCLUDE.search(clause):
            if own in _READ_TOPICS:
                topic = own
            rest = folded[folded.find(clause):]
            if (topic == "her2" or _HER2_RE.search(rest)) and _IN_SITU.search(folded) and _VALUE_HINT.search(rest):
                found.unreadable("", in_situ=True)  # a HER2 result of in situ carcinoma: not used, but said
            elif (_OTHER_SPECIMEN.search(clause) and _HER2_RE.search(folded)
                  and _VALUE_HINT.search(folded[folded.find(clause):])):
                found.unreadable("", weak="unnamed")  # another specimen's HER2: flagged if the case has none
            return (topic, ish_context)  # the rest of this statement is about a control, another specimen...
        if own is not None and own != "method":
            ish_context = bool(_ISH_RE.search(clause)) or (
                ish_context and topic == "her2" and not _IHC_RE.search(clause))
            topic, inherited = own, False
        elif own == "method" and topic not in _READ_TOPICS:
            topic = "method"
        if topic == "mixed":
            if _VALUE_HINT.search(clause) or "%" in clause:
                found.unreadable(snippet)  # "HER2: ER positive 90%": another marker in a HER2 statement
            continue
        if topic == "her2":
            _read_her2(clause, snippet, found, ish_statement or ish_context, inherited)
        elif topic in ("er", "pr", "erpr"):
            _read_receptor(clause, topic, snippet, found)
    return (topic, ish_context or bool(_ISH_RE.search(folded)))


# the guideline's staining words (section 1: intensity, completeness, "membrane staining"), any language
_DESCRIBING = frozenset((*INTENSITIES, *COMPLETENESS, "staining"))
_COMMA = re.compile(r"\s*,\s*")
_WORDS = re.compile(r"[^\s,;:()]+")
_SHARE_NEXT = re.compile(r"(?:[^\W\d]+\s+){0,3}[<>=~]*\s*\d+(?:[.,]\d+)?\s*%")  # "in 5%", "en el 5 %"


def _describes(words: list[str]) -> bool:
    """Whether these words (one to three, in order) are one of the guideline's staining words."""
    tags = vocabulary("values").tag_of
    return tags.get(phrase_key(" ".join(words))) in _DESCRIBING


@lru_cache(maxsize=4096)
def _has_description(clause: str) -> bool:
    """Whether a clause uses the guideline's words for staining intensity or completeness."""
    words = clause.split()
    return any(_describes(words[i : i + n]) and phrase_key(" ".join(words[i : i + n])) != phrase_key("staining")
               for i in range(len(words)) for n in (1, 2, 3))


def _join_descriptions(folded: str) -> str:
    """One staining description stays one clause: "faint, incomplete membrane staining in <=10%",
    "circumferential, complete, intense staining", "incompleta, débil, en el 5% de las células"
    (section 1). A comma after a staining word of the vocabulary (any language) is read as a space
    when a staining word or the share of cells follows; every other comma still separates clauses."""
    if "," not in folded:
        return folded
    joined = _join_once(folded)
    while joined != folded:  # a join can make an earlier comma joinable ("faint, in faint, 90%")
        folded, joined = joined, _join_once(joined)
    return joined


def _join_once(folded: str) -> str:
    pieces, last = [], 0
    for comma in _COMMA.finditer(folded):
        before, rest = _WORDS.findall(folded[:comma.start()])[-3:], folded[comma.end():]
        after = _WORDS.findall(rest)[:3]
        if not any(_describes(before[-n:]) for n in range(1, len(before) + 1)):
            continue
        share = _SHARE_NEXT.match(rest)
        if any(_describes(after[:n]) for n in range(1, len(after) + 1)) or (
                share and not _names_marker(share.group())):
            pieces.append(folded[last:comma.start()] + " ")
            last = comma.end()
    return "".join(pieces) + folded[last:] if pieces else folded


_AND = re.compile(r"\s(?:and|und|et|y|e|en|sowie|as\s+well\s+as)\s")


def _numbers(clause: str):
    """(match, label before, unit after) for each number of a clause."""
    matches = list(_NUMBER.finditer(clause))
    previous_end = 0
    for i, match in enumerate(matches):
        label = clause[previous_end:match.start()]
        if previous_end:  # after another number, the label starts at the next "(", ",", ";" or "and"
            cut = max(label.rfind("("), label.rfind(","), label.rfind(";"))
            joined = list(_AND.finditer(label))
            if joined and joined[-1].end() > cut:
                cut = joined[-1].end() - 1
            if cut >= 0:
                label = label[cut + 1:]
        following = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
        unit = clause[match.end():following]
        yield match, label, unit
        previous_end = match.end()


def _possible(field: str, value: float) -> bool:
    """Within the schema's physical limits (schema.py), so a text reading never rejects a row."""
    if field.endswith("percent"):
        return 0 <= value <= 100
    if field == "ish_cells_counted":
        return 1 <= value <= 1_000_000 and value == int(value)
    return 0 < value < 100


def _number_text(match: re.Match) -> str:
    text = (match.group("op") or "") + match.group("num")
    if match.group("hi"):
        text += "-" + match.group("hi")
    return text


_BOUND_WORDS = re.compile(
    r"(?:more|greater|fewer|less|higher|lower)\s+than\s*$|\b(?:over|above|under|below|up\s+to|at\s+least)\s*$"
    r"|(?:mehr|weniger|über|unter)\s+(?:als\s*)?$|(?:plus|moins)\s+de\s*$|(?:m[aá]s|menos)\s+del?\s*$"
    r"|(?:pi[uù]|meno)\s+del?\s*$|(?:meer|minder)\s+dan\s*$|\bmindestens\s*$|\bau\s+moins\s*$"
)
_APPROX = re.compile(
    r"(?:approximately|approx\.?|about|around|circa|ca\.?|~|etwa|ungef[äa]hr|environ|aproximadamente"
    r"|alrededor\s+de|circa|ongeveer|zirka)\s*$"
)
_STAINING = re.compile(
    r"stain|membran|f[äa]rb|marquage|tinci[oó]n|colorazione|kleuring|reactiv|reaktiv|immunoreact|expression"
    r"|positiv|cells?\b|zellen|cellules|c[ée]lulas|cellule|cellen|\(\s*$"
)
_HETERO = re.compile(
    r"heterogen|h[ée]t[ée]rog[èe]n|eterogene|heterogeen|focal|fokal|patchy|\barea|remainder|\bmost\b|\brest\b"
)
_STRONG = re.compile(r"strong|intens|uniform|kr[äa]ftig|\bstark|\bfort|fuerte|\bsterk|circumferential")
_MEAN = re.compile(r"mean|average|avg|durchschnitt\w*|mittlere?|moyen\w*|promedio|media|medio|gemiddeld\w*")
_TOTAL = re.compile(r"(?:total|insgesamt|gesamt|au\s+total|en\s+total|in\s+totale|totaal)\s*(?:of\s*)?[:=]?\s*$")
_EACH = re.compile(r"\beach\b|per\s+observer|\bje\b|pro\s+(?:beobachter|untersucher)|chacun|\bcada\b|ciascun|\belke?\b")
_CEP_BEFORE = re.compile(r"(?:cep|cen|chr|chromosom\w*|cromosoma|chromosoom)\s*$")


def _read_her2(clause: str, snippet: str, found: _Found, ish_context: bool, inherited: bool) -> None:
    ish = ish_context or bool(_ISH_RE.search(clause) or _COPY_LABEL.search(clause))
    rest = clause
    for match, label, unit in _numbers(clause):
        unit_words = unit[:40]
        if _GROUP_LABEL.search(label) or _SCORE_LABEL.search(label) or _CEP_BEFORE.search(label):
            continue
        bounded = bool(match.group("op") or match.group("hi") or _BOUND_WORDS.search(label))
        field = None
        if match.group("pct"):
            if (ish or bounded or not _STAINING.search(label + " " + unit_words[:30]) or _STRONG.search(label)
                    or _NEGATOR.search(label[-30:])  # "no staining in 100% of cells": the share unstained
                    or _HETERO.search(clause) or re.match(r"\s*(?:of\s+)?(?:\w+\s+){0,3}[0-3]\s*\+", unit_words)):
                continue  # a share of intense staining, of one area or one score, or a bound: not "% stained"
            field = "her2_ihc_percent"
        elif not ish:
            continue
        elif _RATIO_LABEL.search(label):
            field = "ish_ratio"
        elif _CEP17_LABEL.search(label) or (_CEP17_LABEL.search(unit_words) and not _COPY_LABEL.search(label)):
            field = "ish_cep17_copies"
        elif _COPY_LABEL.search(label) or _COPY_LABEL.search(unit_words[:25]):
            field = "ish_her2_copies"
        elif _CELL_LABEL.search(label) or _CELL_LABEL.search(unit_words[:32]) or (
                _TOTAL.search(label) and _CELL_LABEL.search(clause)):
            if bounded or "." in match.group("num") or "," in match.group("num"):
                continue
            field = "ish_cells_counted"
            rank = 1 if _EACH.search(unit_words) else 0  # "20 by each of two observers (total 40)"
        elif _HER2_RE.search(label[-24:]) and (re.search(r"[.,]", match.group("num")) or _MEAN.search(label)):
            field = "ish_her2_copies"  # "HER2 4.1", "HER2 average: 4", beside ISH words
        if field is None:
            continue
        raw = _number_text(match)
        if field != "her2_ihc_percent" and bounded:
            rest = rest.replace(match.group(0), " ", 1)  # ">2.0", "1.8-2.2": a bound or a range, not a value
            continue
        if field != "her2_ihc_percent" and _APPROX.search(label):
            found.unreadable(snippet)  # "ratio approximately 2": not a number to decide on
            rest = rest.replace(match.group(0), " ", 1)
            continue
        reading = read_number(raw, integer_thousands=field == "ish_cells_counted")
        if reading.kind != NumberKind.NUMBER or not _possible(field, reading.value):
            found.unreadable(snippet)  # a reading that could reject the row is never filled in
            continue
        found.add(field, raw, (reading.kind, reading.value, reading.operator), snippet,
                  rank if field == "ish_cells_counted" else 0)
        if field != "her2_ihc_percent" or not _has_description(clause):
            rest = rest.replace(match.group(0), " ", 1)  # (the share in a description is part of it: section 1)
    rest = _probe_and_clone(rest, snippet, found)
    rest = re.sub(r"\b(?:clone|klon|clon|clono|kloon|antibody|antik[öo]rper|anticorps|anticuerpo|anticorpo"
                  r"|antilichaam|ventana|dako|leica|roche|agilent|pathway|oracle|bond|hercep\s?test"
                  r"|abbott|pathvysion|zytolight|zytovision|inform|iqfish|pharmdx)\b", " ", rest)
    hint = _VALUE_HINT.search(rest) or _has_description(rest)
    if not hint or (inherited and not (_WORD_HINT.search(rest) or _has_description(rest))):
        if not inherited and _unnamed_value(rest):
            found.unreadable(snippet, weak="unnamed")  # "HER2: pos", "HER2: +++", "HER2 IHC score: three"
        return  # a statement that names no marker needs a result word ("Number of observers: 1")
    value = _value_text(rest)
    if not value:
        return
    ish_words = bool(_ISH_RE.search(rest))
    ihc_score = re.search(r"[0-3]\s*\+|\+\s*[0-3]\b|score", rest)
    if ish_words and ihc_score and re.search(r"amplif|\bamp\b|group|gruppe|groupe|grupo|gruppo|groep", rest):
        found.unreadable(snippet)  # an IHC score and an ISH result in one clause: which is which?
        return
    continues_ish = ish and (inherited or not (_HER2_RE.search(rest) or _IHC_RE.search(rest)))
    if (ish_words or continues_ish) and not ihc_score:
        _read_ish_value(value, snippet, found)
        return
    reading = read_ihc(value)
    if reading.kind == IhcKind.UNREADABLE:
        head = _indeterminate_head(value, read_ihc)
        if head:
            value, reading = head
    if reading.kind == IhcKind.UNREADABLE and _PARTS.search(value):
        for part in _PARTS.split(value):  # "Score 3+, strong basolateral staining in a cluster": each part
            part = _LEAD_PUNCT.sub("", part.strip())
            if part and _VALUE_HINT.search(part):
                _read_ihc_value(part, snippet, found)
        return
    _read_ihc_value(value, snippet, found, reading)


# what may stand beside a HER2 label without being a result: a method, a block, a date, "performed"...
_NO_RESULT = re.compile(
    r"\b(?:test(?:s|ing|ed)?|performed|done|ordered|requested|sent|send|block|blocks|slide|slides|specimen|sample"
    r"|on|in|at|of|and|a|an|this|that|tumou?r|carcinoma|case|was|were|has|have|been|be|will|to|from"
    r"|durchgef\w+|angefordert|r[ée]alis[ée]e?s?|demand[ée]e?s?|realizad[oa]s?"
    r"|eseguit[oa]|richiest[oa]|uitgevoerd|aangevraagd|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b"
)


def _unnamed_value(rest: str) -> bool:
    """Whether a clause that names HER2 still holds a word or sign after its label and the words
    that carry no result: a value that no reader knows ("pos", "+++", "three", "enriched")."""
    value = _value_text(rest)
    value = _NO_RESULT.sub(" ", value)
    return bool(re.search(r"[^\W_]|\+", value))


_YES_NO = re.compile(r"no|yes|ja|nein|oui|non|s[ií]|nee|absent|present|aanwezig|afwezig|assente|presente")
# "indeterminate due to crush artefact": the reason after an indeterminate result does not change it
_BECAUSE = re.compile(r"\s(?:due\s+to|because|owing\s+to|on\s+this|in\s+this|wegen|aufgrund|bei|en\s+raison|du\s+fait"
                      r"|debido|por|a\s+causa|per|dovuto|vanwege|door|als\s+gevolg|no|keine?|sin|senza|geen)\s|\(")


def _indeterminate_head(value: str, reader) -> tuple[str, object] | None:
    """The part before a reason ("due to ...", "(no signals ...)") when it reads as indeterminate."""
    cut = _BECAUSE.search(value)
    if not cut:
        return None
    head = _LEAD_PUNCT.sub("", value[:cut.start()].strip())
    reading = reader(head) if head else None
    if reading is not None and reading.kind in (IhcKind.INDETERMINATE, IshKind.INDETERMINATE) and reader is read_ihc:
        return (head, reading) if reading.kind == IhcKind.INDETERMINATE else None
    if reading is not None and reader is read_ish_text and reading.kind == IshKind.INDETERMINATE:
        return head, reading
    return None


_SHARE = re.compile(r"[<>=~≤≥]*\s*\d+(?:[.,]\d+)?\s*%")
# words that hold a score open: a hedged score competes with the others instead of standing aside
_HEDGE = re.compile(
    r"cannot\s+(?:be\s+)?exclud\w*|can'?t\s+exclude|not\s+(?:be\s+)?excluded|\bpossibl\w*|\bprobabl\w*|\blikely\b"
    r"|at\s+least|suspicious|suggestive|\bmay\s+be\b|\bmight\b|\bquestionabl\w*|\bborderline\b"
    r"|nicht\s+(?:sicher\s+)?auszuschlie\w*|wahrscheinlich|mindestens|m[öo]glich\w*|vermutlich"
    r"|\bprobable\b|\bpossible\b|au\s+moins|\bposible\b|al\s+menos|probabil\w*|possibil\w*|almeno"
    r"|waarschijnlijk|minstens|mogelijk\w*|provavel\w*|pelo\s+menos"
)
_PARTS = re.compile(r"(?<!\d),|,(?!\d)|\(|\)|\s-\s")  # (not a decimal comma: "3,4 copies" is no 3+)
_GROUP_ONLY = re.compile(r"\b(group|gruppe|groupe|grupo|gruppo|groep)\s*([1-5])\b")


def _read_ish_value(value: str, snippet: str, found: _Recorder) -> None:
    reading = read_ish_text(value)
    if reading.kind == IshKind.NONE:
        return
    if reading.kind == IshKind.UNREADABLE:
        head = _indeterminate_head(value, read_ish_text)
        if head:
            value, reading = head
    if reading.kind == IshKind.UNREADABLE:
        groups = _GROUP_ONLY.findall(value)
        if len(groups) == 1 and not _NEGATOR.search(value):  # "Groupe 5 selon les recommandations ASCO/CAP"
            value = " ".join(groups[0])
            reading = read_ish_text(value)
    if reading.kind == IshKind.UNREADABLE or (reading.kind == IshKind.AMPLIFIED and _NEGATOR.search(value)):
        found.unreadable(snippet)  # includes a negation the reader did not scope: never "amplified"
        return
    rank = 0 if reading.kind == IshKind.GROUP else 1
    found.add("ish_result", value, (int(reading.kind), int(reading.group)), snippet, rank)


def _read_ihc_value(value: str, snippet: str, found: _Recorder, reading=None) -> None:
    """rank 0: an explicit score or sub-type; 1: a status word; 2: a description only, which counts
    only when nothing else is stated (and flags review only then, unless it negates something)."""
    bare = _HER2_RE.sub(" ", value)
    unshared = _SHARE.sub(" ", bare)  # the share of cells in a description names no score ("in 15% of cells")
    explicit = bool(re.search(rf"[0-3]|null|ultra|zero|\bnul\b|\bnulo\b|\bnullo\b|{_SCORE_WORDS}", unshared))
    status_word = bool(re.search(r"posit|negat|n[ée]gat|equivo|[ée]quivo|zweifel|grenzwert|dudos|dubbi|twijfel|\blow\b",
                                 bare))
    rank = 0 if explicit else 1 if status_word else 2
    reading = reading or read_ihc(value)
    if reading.kind == IhcKind.NONE:
        return
    if reading.kind == IhcKind.UNREADABLE:
        found.unreadable(snippet, weak=rank == 2 and not _NEGATOR.search(value))
        if _HEDGE.search(value) and re.search(r"[0-3]\s*\+|\+\s*[0-3]\b", unshared):  # "cannot exclude 2+",
            found.add("her2_ihc", value, (int(reading.mask), 0, int(reading.kind)), snippet, 0)  # "probable 3+": competes
        return
    if reading.mask == 8 and re.search(r"\bnot\b|\bnicht\b|\bpas\b|\bno\b|\bnon\b|\bniet\b|\bgeen\b|\bkein", value):
        found.unreadable(snippet)  # "not positive": a negation the reader did not scope
        return
    found.add("her2_ihc", value, (int(reading.mask), int(reading.subtype), int(reading.kind)), snippet, rank)


def _probe_and_clone(text: str, snippet: str, found: _Recorder) -> str:
    """Read the probe design (only as written: "dual probe") and a HER2 clone; returns the rest."""
    if _PROBE_DUAL.search(text):
        found.add("ish_probe", "dual", ("dual",), snippet)
        text = _PROBE_DUAL.sub(" ", text)
    elif _PROBE_SINGLE.search(text):
        found.add("ish_probe", "single", ("single",), snippet)
        text = _PROBE_SINGLE.sub(" ", text)
    clone = _CLONE_RE.search(text)
    if clone:
        name = _HER2_CLONES.get(re.sub(r"\s+", " ", clone.group()), clone.group().upper())
        found.add("antibody_clone", name, (name,), snippet)
        text = _CLONE_RE.sub(" ", text)
    return text


def _value_text(text: str) -> str:
    """The value part of a statement: after the label's colon, or the statement without its label words."""
    if ":" in text:
        head, _, tail = text.rpartition(":")
        if _YES_NO.fullmatch(tail.strip(" .")) and head.strip():
            tail = head.rpartition(":")[2] + ": " + tail  # "Amplification: no"
        if _VALUE_HINT.search(tail):
            text = tail
    text = _LABEL_WORDS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _LEAD_PUNCT.sub("", text.strip())
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ").strip()
    return _SPACES.sub(" ", text)


def _read_receptor(clause: str, topic: str, snippet: str, found: _Recorder) -> None:
    """ER/PR: the percentage of stained nuclei only (a status word or a bound gives no percentage)."""
    percents = [m for m in _NUMBER.finditer(clause) if m.group("pct")]
    if not percents:
        return
    if topic == "erpr":
        names = sorted([(m.start(), "er") for m in _ER_RE.finditer(clause)]
                       + [(m.start(), "pr") for m in _PR_RE.finditer(clause)])
        for match in percents:
            before = [name for start, name in names if start < match.start()]
            if not before:
                found.unreadable(snippet)  # a percentage before either receptor is named: whose is it?
                return
            _receptor_percent(clause, match, before[-1], snippet, found)
        return
    if len({_number_text(m) for m in percents}) > 1:
        found.unreadable(snippet)  # two percentages for one receptor: which is it?
        return
    _receptor_percent(clause, percents[0], topic, snippet, found)


def _receptor_percent(clause: str, match: re.Match, receptor: str, snippet: str, found: _Recorder) -> None:
    if match.group("op") or match.group("hi") or _BOUND_WORDS.search(clause[:match.start()]):
        return  # "<1%", "91-100%": a bound or a span, not a number (section 7)
    raw = _number_text(match) + "%"
    reading = read_number(raw)
    if reading.kind != NumberKind.NUMBER or not _possible("er_percent", reading.value):
        found.unreadable(snippet)
        return
    field = "er_percent" if receptor == "er" else "pr_percent"
    found.add(field, raw, (reading.kind, reading.value, reading.operator), snippet)


ISH_NUMBERS = ("ish_ratio", "ish_her2_copies", "ish_cep17_copies", "ish_cells_counted")


def _resolve(found: _Found) -> Extraction:
    chosen = {field: items[0] if len(items) == 1 else _choose(field, items) for field, items in found.items.items()}
    flags = found.flags
    if None in chosen.values() and any(f in chosen and chosen[f] is None for f in ISH_NUMBERS):
        for f in ISH_NUMBERS:  # two counts that differ: the numbers of neither can be taken
            if f in chosen:
                chosen[f] = None
    if found.weak_unread and "her2_ihc" not in found.items:
        for snippet in found.weak_unread:
            found.unreadable(snippet)
        flags = found.flags
    if found.unnamed and not found.flags and not any(f in found.items for f in HER2_FIELDS) and not found.in_situ:
        for snippet in found.unnamed:  # HER2 was named with a value, and nothing of it was read: say so
            found.unreadable(snippet)
        flags = found.flags
    in_situ = found.in_situ if found.in_situ and not any(f in found.items for f in HER2_FIELDS) else ()
    if in_situ:
        flags |= IN_SITU
    values = []
    evidence: dict[str, list[str]] = {}
    for field in FIELDS:
        if field not in chosen:
            values.append("")
            continue
        item = chosen[field]
        if item is None:
            flags |= CONFLICT
            values.append("")
            for _, _, snippet, _ in found.items[field]:
                evidence.setdefault(snippet, []).append(f"{field} conflict")
            continue
        values.append(item[0])
        evidence.setdefault(item[2], []).append(field)
    for snippet in found.unread or ():
        evidence.setdefault(snippet, []).append("not read")
    for snippet in in_situ:
        evidence.setdefault(snippet, []).append("in situ carcinoma only: not used")
    text = " | ".join([snippet + " [" + ", ".join(fields if len(fields) == 1 else dict.fromkeys(fields)) + "]"
                       for snippet, fields in evidence.items()])
    return Extraction(tuple(values), text, flags)


# ASCO/CAP 2018 groups (her2-rules.md section 2): group 1 is amplified, group 5 not amplified;
# groups 2-4 are read with IHC, so either word may stand beside them.
_GROUP_AGREES = {1: {IshKind.AMPLIFIED}, 5: {IshKind.NOT_AMPLIFIED},
                 2: {IshKind.AMPLIFIED, IshKind.NOT_AMPLIFIED}, 3: {IshKind.AMPLIFIED, IshKind.NOT_AMPLIFIED},
                 4: {IshKind.AMPLIFIED, IshKind.NOT_AMPLIFIED}}


def _choose(field: str, items: list[tuple[str, tuple, str, int]]):
    """The one value all statements agree on, or None when they differ.

    A status word or a description stands beside an explicit value when they agree ("Negative
    (Score 1+)"); the explicit value is taken.
    """
    if len(items) == 1:
        return items[0]
    best = min(i[3] for i in items)
    explicit = [i for i in items if i[3] == best]
    rest = [i for i in items if i[3] != best]
    if field == "her2_ihc":
        masks = {i[1][0] for i in explicit}
        if len(masks) > 1:
            return None
        mask = next(iter(masks))
        if mask != 4 and any(i[1][0] and not (i[1][0] & mask) for i in rest if i[3] == 1):
            return None  # "HER2 negative" beside "3+" (beside 2+ it may be the call after ISH)
        # the sub-type of a 0 may come from a description of the same score ("no membrane staining")
        typed = [i for i in items if i[1][1] and i[1][0] == mask]
        if len({i[1][1] for i in typed}) > 1:
            return None
        if typed and mask == 1 and not explicit[0][1][1]:
            label = "0 (null)" if typed[0][1][1] == 1 else "0 (ultralow)"  # score and sub-type from two statements
            return (label, (1, typed[0][1][1], int(IhcKind.SCORE)), explicit[0][2], 0)
        return explicit[0]
    keys = {i[1] for i in explicit}
    if len(keys) > 1:
        return None
    if field == "ish_result" and rest:
        kind, group = explicit[0][1]
        if kind == IshKind.GROUP and any(i[1][0] not in _GROUP_AGREES.get(group, ()) for i in rest):
            return None
        if kind != IshKind.GROUP and any(i[1] != explicit[0][1] for i in rest):
            return None
    return explicit[0]


# --- columns ----------------------------------------------------------------------------------

def _header_words(header: str) -> str:
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().casefold()
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


_TEXT_HEADERS = [" " + " ".join(re.findall(r"[a-z0-9]+", w)) + " " for w in TEXT_HEADER_WORDS]
_MENTION = re.compile(rf"{_HER2}|{_ISH_WORDS}|{_ER}|{_PR}")
SAMPLE = 500  # distinct values looked at when a column is judged by its content
SAMPLE_ROWS = 200_000  # ... taken from the first rows (a million-row export is judged quickly)


def header_says_text(header: str) -> bool:
    """Whether a header names a report-text column ("Final Diagnosis", "Befund", "Commentaire")."""
    words = _header_words(header)
    return any(w in words for w in _TEXT_HEADERS)


def _content_carries(values: pd.Series) -> tuple[bool, bool]:
    """(mentions HER2/ER/PR, yields at least one field) for a sample of a column's distinct values."""
    distinct = pd.unique(values.iloc[:SAMPLE_ROWS].dropna().astype(str))[:SAMPLE]
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
        says_text = header_says_text(header)
        if not says_text and _MENTION.search(_fold(str(header))):
            continue  # "HER2 status": a result column the header mapper left alone (and warned about)
        mentions, yields = _content_carries(data[header])
        if yields or (mentions and says_text):
            chosen.append(header)
    return chosen


def carries_her2_in_text(data: pd.DataFrame, columns: Iterable[str]) -> bool:
    """Hook for the no-HER2-column check (``Table.carries_her2``): True when the report text in
    ``columns`` states a HER2 field for at least one case (judged on a sample of distinct values)."""
    for column in columns:
        distinct = pd.unique(data[column].iloc[:SAMPLE_ROWS].dropna().astype(str))[:SAMPLE]
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
    collecting = gc.isenabled()
    gc.disable()  # the caches hold many small tuples: cyclic GC passes over them cost more than reading
    try:
        return map_distinct(text, parse, spec)
    finally:
        if collecting:
            gc.enable()


class TextResult(NamedTuple):
    raw: pd.DataFrame  # canonical raw text, blanks filled from report text
    evidence: np.ndarray  # object: the snippets per row ('' where nothing was read)
    used: np.ndarray  # bool: a HER2 field was filled from text
    conflict: np.ndarray  # bool: report text gives two values for one field
    unreadable: np.ndarray  # bool: a statement about HER2/ER/PR could not be read
    disagrees: np.ndarray  # bool: a value read from text differs from the structured column
    in_situ: np.ndarray  # bool: the only HER2 result in the text is for in situ carcinoma
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


def refines(field: str, column_value: str, text_value: str) -> bool:
    """Whether the report text settles what the column leaves open, within what the column says:
    a plain IHC '0' beside the text's 0 described as ultralow or null (section 1's sub-type), or
    'Negative' (0 or 1+) beside the text's '1+'. The text's reading is then the one used."""
    if field != "her2_ihc":
        return False
    a, b = read_ihc(column_value), read_ihc(text_value)
    if IhcKind.UNREADABLE in (a.kind, b.kind) or not a.mask or not b.mask or (b.mask & a.mask) != b.mask:
        return False
    return b.mask != a.mask or bool(b.subtype and not a.subtype)


def agree(field: str, column_value: str, text_value: str) -> bool:
    """Whether a column's value and the report text's say the same thing (per distinct pair).

    IHC: the possible scores overlap and no two different sub-types ("Negative" beside "1+" agrees);
    ISH: the same result, or a group beside the word it implies; numbers: equal to 0.01.
    """
    if field == "her2_ihc":
        a, b = read_ihc(column_value), read_ihc(text_value)
        if IhcKind.UNREADABLE in (a.kind, b.kind):
            return a.kind == b.kind and a.mask == b.mask
        return bool(a.mask & b.mask) and (not a.subtype or not b.subtype or a.subtype == b.subtype)
    if field == "ish_result":
        a, b = read_ish_text(column_value), read_ish_text(text_value)
        if a.kind == b.kind:
            return a.group == b.group
        for one, other in ((a, b), (b, a)):
            if one.kind == IshKind.GROUP and other.kind in _GROUP_AGREES.get(one.group, ()):
                return True
        return False
    if field in ("ish_probe", "antibody_clone"):
        return re.sub(r"[^0-9a-z]+", "", column_value.casefold()) == re.sub(r"[^0-9a-z]+", "", text_value.casefold())
    a = read_number(column_value.replace("%", ""), integer_thousands=field == "ish_cells_counted")
    b = read_number(text_value.replace("%", ""), integer_thousands=field == "ish_cells_counted")
    if a.kind == NumberKind.NUMBER and b.kind == NumberKind.NUMBER:
        return abs(a.value - b.value) <= 0.01
    for bound, number in ((a, b), (b, a)):  # "<1" beside "0%": the number satisfies the bound
        if bound.kind == NumberKind.RANGE and bound.operator and number.kind == NumberKind.NUMBER:
            return _SATISFIES[bound.operator](number.value, bound.value)
    return a.kind == b.kind and a.operator == b.operator and (a.value == b.value or a.value != a.value)


_SATISFIES = {1: lambda x, y: x < y, 2: lambda x, y: x <= y, 3: lambda x, y: x > y, 4: lambda x, y: x >= y}


def apply(raw: pd.DataFrame, originals: pd.DataFrame, columns: Mapping[int, Sequence[str]]) -> TextResult:
    """Fill blank canonical fields from report text; flag conflicts and disagreements.

    ``columns`` maps each table number (``originals['_table']``) to its text columns.
    """
    n = len(raw)
    none = np.zeros(n, dtype=bool)
    if not columns or not any(columns.values()) or not n:
        return TextResult(raw, np.full(n, "", dtype=object), none, none, none, none.copy(), none, dict(columns))
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
            pairs = structured[both].astype(str) + "\x00" + pd.Series(extracted[both], index=structured.index[both])
            same = map_distinct(pairs, lambda pair, f=field: (agree(f, *pair.split("\x00", 1)),
                                                              refines(f, *pair.split("\x00", 1))),
                                {"same": bool, "refines": bool})
            disagrees[np.flatnonzero(both)] |= ~same["same"].to_numpy()
            fill[np.flatnonzero(both)] |= same["refines"].to_numpy()  # the text says more: it is used
        if fill.any():
            merged = structured.astype("string").to_numpy(dtype=object)
            merged = np.where(fill, extracted, merged)
            raw[field] = pd.Series(merged, index=raw.index).astype("string")
            if field in HER2_FIELDS:  # the explanation speaks of the HER2 call; ER/PR show in the evidence
                used |= fill
    flags = found["_flags"].to_numpy()
    return TextResult(
        raw,
        found[EVIDENCE_COLUMN].to_numpy(dtype=object),
        used,
        (flags & CONFLICT) != 0,
        (flags & UNREADABLE) != 0,
        disagrees,
        (flags & IN_SITU) != 0,
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


# the slow patterns, searched only where a looser twin matches (see _Prefiltered)
for _name in ("_EXCLUDE", "_ISH_RE", "_VALUE_HINT", "_OTHER_RE", "_IHC_RE", "_ER_RE", "_PR_RE", "_CONTROL",
              "_NEGATOR", "_STRONG", "_LABEL_WORDS", "_WORD_HINT"):
    globals()[_name] = _Prefiltered(globals()[_name])
