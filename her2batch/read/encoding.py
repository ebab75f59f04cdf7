"""Which encoding a text export is in (issue 10 item 4), decided on a bounded sample.

Byte-order marks decide first; then valid UTF-8 (strict decoding of the whole file is a C-speed
pass, and legacy text is practically never valid UTF-8 by chance). Otherwise charset-normalizer
judges a sample: the first lines (the header) and then the lines that hold non-ASCII bytes,
wherever they are in the file, up to SAMPLE_BYTES. Among the encodings it finds equally clean,
the one whose non-ASCII characters read as letters inside words wins ("Łukasz", not "£ukasz");
a tie that decodes the sample differently is a low-confidence guess, which the run warns about.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

SAMPLE_BYTES = 64 * 1024
LOW_CONFIDENCE = 0.6  # below this the run warns and suggests [run] encoding
# On a tie, the encodings labs in Europe and the Americas write, most common first.
PREFERENCE = ("cp1252", "cp1250", "iso8859_15", "latin_1", "cp1257", "iso8859_2", "cp1251", "mac_roman",
              "cp850", "cp437", "cp852", "cp1254", "iso8859_9", "cp1253", "iso8859_7")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Detected:
    encoding: str
    confidence: float  # 0..1
    how: str  # bom, utf-8, detected, config


def _bom(data: bytes) -> str:
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:  # UTF-16 without a BOM
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 3 * even:
            return "utf-16-le"
        if even > 3 * odd:
            return "utf-16-be"
    return ""


def sample_of(data: bytes) -> bytes:
    """The first 4 KiB and then the lines with non-ASCII bytes, at most SAMPLE_BYTES in all."""
    head = data[:4096]
    parts, size, at = [head], len(head), len(head)
    while size < SAMPLE_BYTES:
        found = _HIGH_BYTE.search(data, at)
        if found is None:
            break
        start = data.rfind(b"\n", 0, found.start()) + 1
        end = data.find(b"\n", found.end())
        end = len(data) if end < 0 else end + 1
        line = data[max(start, at) : end]
        parts.append(line)
        size += len(line)
        at = end
    return b"".join(parts)[:SAMPLE_BYTES]


def _odd_characters(text: str) -> int:
    """Non-ASCII characters that are not letters but stand against a letter: '£ukasz', 'pierœ'
    read right, 'Dvo³ák' read wrong. Such characters almost never occur in real words."""
    odd = 0
    for i, char in enumerate(text):
        if ord(char) < 128 or unicodedata.category(char).startswith(("L", "M")):
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalpha() or after.isalpha():
            odd += 1
    return odd


# Accented letters of the alphabets a word is written in. A word whose accented letters no single
# alphabet holds is a misreading: "Dvoøák" mixes Nordic ø with á, "Dvořák" is Czech.
ALPHABETS = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüß",  # German
    "àèéìíîòóùú",  # Italian
    "áéíóúüñ",  # Spanish
    "áéíóúàèëïöüĳ",  # Dutch
    "ãõáéíóúâêôàç",  # Portuguese
    "åæø" "éèêó",  # Danish, Norwegian
    "åäöé",  # Swedish, Finnish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "ąćęłńóśźż",  # Polish
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Croatian, Slovene, Bosnian
    "ăâîșțşţ",  # Romanian
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
    "äõöüšž",  # Estonian
    "çğıöşüâî",  # Turkish
    "áðéíóúýþæö",  # Icelandic
))
_WORD = re.compile(r"[^\W\d_]+")


def _mixed_words(text: str) -> int:
    """Words (with at least one accented letter) whose accented letters no single alphabet holds."""
    mixed = 0
    for word in set(_WORD.findall(text.lower())):
        accented = {c for c in word if ord(c) > 127}
        if accented and not any(accented <= alphabet for alphabet in ALPHABETS):
            mixed += 1
    return mixed


def _known_words(text: str) -> int:
    """Distinct words of the text that a header vocabulary knows. Two code pages can read a short
    sample equally cleanly ('Èíslo biopsie' looks Italian); only one spells the lab's words
    ('Číslo biopsie')."""
    from her2batch.understand.headers import known_words, words

    known = known_words()
    return sum(1 for word in set(words(text)) if word in known)


def detect(data: bytes) -> Detected:
    """The encoding of ``data`` and how sure we are (never raises)."""
    bom = _bom(data)
    if bom:
        return Detected(bom, 1.0, "bom")
    try:
        data.decode("utf-8")
        return Detected("utf-8", 1.0, "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    sample = sample_of(data)
    matches = list(from_bytes(sample, cp_isolation=list(PREFERENCE)))
    if not matches:
        return Detected("cp1252", 0.0, "detected")

    def preferred(match) -> tuple[int, str]:
        names = [codecs.lookup(n).name.replace("-", "_") for n in match.could_be_from_charset]
        return min((PREFERENCE.index(n), n) if n in PREFERENCE else (len(PREFERENCE), n) for n in names)

    def evidence(match) -> tuple[int, int, float]:
        text = str(match)
        return _odd_characters(text), _mixed_words(text), round(match.chaos, 2)

    # fewest odd characters and mixed-alphabet words, then charset-normalizer's mess, then the
    # header words it spells right, then its language coherence, then the code page most used for
    # the languages we read (CP1252)
    ranked = sorted(matches, key=lambda m: (*evidence(m), -_known_words(str(m)), -m.coherence, preferred(m)))
    chosen, confidence = ranked[0], 1.0 - ranked[0].chaos
    if len(ranked) > 1 and evidence(ranked[1]) == evidence(chosen) and \
            _known_words(str(chosen)) > _known_words(str(ranked[1])):
        confidence = min(confidence, 0.9)  # the lab's own header words read right in this one only
    elif len(ranked) > 1 and evidence(ranked[1]) == evidence(chosen):
        margin = chosen.coherence - ranked[1].coherence  # only the language model tells them apart
        if margin > 0:
            confidence = min(confidence, 0.6 + 5 * margin, 0.95)
        else:  # a true tie: the usual code page of the six languages is likelier, but not sure
            confidence = min(confidence, 0.65 if preferred(chosen)[1] == PREFERENCE[0] else 0.5)
    return Detected(codecs.lookup(preferred(chosen)[1]).name, round(confidence, 2), "detected")


UTF8_NAMES = ("utf-8", "utf-8-sig")
_CHECK_BYTES = 1 << 22  # validated a slice at a time: never a str of the whole file


def utf8_start(data: bytes, encoding: str | None = None) -> tuple[int, Detected] | None:
    """Where the text starts in ``data``, and how its encoding was found, when the bytes from there
    on are exactly the UTF-8 of the text ``decode`` returns (valid UTF-8, a UTF-8 BOM dropped as
    decode drops it). The reader then parses the bytes as they are instead of decoding the whole
    file into a str (up to 4 bytes a character) and encoding it again. None: use ``decode``."""
    if encoding:
        name = codecs.lookup(encoding).name
        if name not in UTF8_NAMES:
            return None
        found = Detected(name, 1.0, "config")
    else:
        bom = _bom(data)
        if bom not in ("", "utf-8-sig"):
            return None
        found = Detected("utf-8-sig", 1.0, "bom") if bom else Detected("utf-8", 1.0, "utf-8")
    start = len(codecs.BOM_UTF8) if found.encoding == "utf-8-sig" and data.startswith(codecs.BOM_UTF8) else 0
    if bytes(data).isascii():  # ASCII is UTF-8: checked in one C pass, with no str built
        return start, found
    decoder = codecs.getincrementaldecoder("utf-8")()  # the codec decode() uses, strict
    view = memoryview(data)
    try:
        for at in range(start, len(data), _CHECK_BYTES):
            decoder.decode(view[at : at + _CHECK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None  # not UTF-8 after all: decode() detects (or replaces, as configured)
    return start, found


def decode(data: bytes, encoding: str | None = None) -> tuple[str, Detected]:
    """Text and how its encoding was found; ``encoding`` (from the config) overrides detection."""
    if encoding:
        found = Detected(codecs.lookup(encoding).name, 1.0, "config")
        return data.decode(found.encoding, errors="replace"), found
    if not _bom(data):
        try:  # the common case, decoded once
            return data.decode("utf-8"), Detected("utf-8", 1.0, "utf-8")
        except UnicodeDecodeError:
            pass
    found = detect(data)
    return data.decode(found.encoding, errors="replace"), found
