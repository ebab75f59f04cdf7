"""Report texts generated from varied templates, with the fields each states (test fixtures).

Templates cover CAP synoptic wording, one-line forms and narrative in en/de/fr/es/it/nl; variants add
upper case, wrapped lines, typos in label words, control and prior-specimen sentences, in situ
carcinoma and a second specimen (two different HER2 results: nothing taken, review).
"""

from __future__ import annotations

import random

SCORES = [("0", "Negative (Score 0)"), ("1+", "Negative (Score 1+)"), ("2+", "Equivocal (Score 2+)"),
          ("3+", "Positive (Score 3+)")]
CLONES = ["4B5", "CB11", "SP3", "A0485"]


def _ish(rng: random.Random) -> dict:
    amplified = rng.random() < 0.4
    cep17 = round(rng.uniform(1.5, 2.8), 1)
    ratio = round(rng.uniform(2.2, 5.0), 1) if amplified else round(rng.uniform(1.0, 1.8), 1)
    her2 = round(ratio * cep17, 1)
    return {"ish_result": "amplified" if amplified else "not_amplified", "ish_ratio": ratio,
            "ish_her2_copies": her2, "ish_cep17_copies": cep17, "ish_cells_counted": rng.choice([20, 30, 40, 50, 60])}


def _en_synoptic(rng, e):
    lines = [f"HER2 (by immunohistochemistry): {dict(SCORES)[e['ihc_score']]}"]
    if "antibody_clone" in e:
        lines.append(f"Antibody clone: {e['antibody_clone']}")
    if "ish_result" in e:
        word = "Positive (amplified)" if e["ish_result"] == "amplified" else "Negative (not amplified)"
        lines += [f"HER2 by in situ hybridization: {word}", "  ISH assay: dual probe",
                  f"  Number of invasive tumor cells counted: {e['ish_cells_counted']}",
                  f"  Average number of HER2 signals per cell: {e['ish_her2_copies']}",
                  f"  Average number of CEP17 signals per cell: {e['ish_cep17_copies']}",
                  f"  HER2/CEP17 ratio: {e['ish_ratio']}"]
        e["ish_probe"] = "dual"
    lines += ["Estrogen Receptor (ER) Status: Positive", f"  Percentage of cells with nuclear positivity: {e['er_percent']}%",
              "Progesterone Receptor (PgR) Status: Positive", f"  Percentage of cells with nuclear positivity: {e['pr_percent']}%",
              "Ki-67: 20%"]
    return "\n".join(lines)


def _en_oneline(rng, e):
    e.pop("antibody_clone", None)  # this form names no clone
    score = e["ihc_score"]
    text = f"ER: Positive ({e['er_percent']}%); PR: Positive ({e['pr_percent']}%); HER2: {dict(SCORES)[score]}"
    if "ish_result" in e:
        word = "AMPLIFIED" if e["ish_result"] == "amplified" else "NOT AMPLIFIED"
        text += (f"\nHER2 by FISH: {word}\nHER2/CEP17 ratio: {e['ish_ratio']}\n"
                 f"Average HER2 copy number per cell: {e['ish_her2_copies']}\nNumber of cells counted: {e['ish_cells_counted']}")
        e.pop("ish_cep17_copies")
    return text


_STAINING = {"1+": "faint incomplete membrane staining", "2+": "weak to moderate complete membrane staining"}


def _en_narrative(rng, e):
    word = {"0": "negative", "1+": "negative", "2+": "equivocal", "3+": "positive"}[e["ihc_score"]]
    clone = f" (clone {e['antibody_clone']})" if "antibody_clone" in e else ""
    described = ""
    if e["ihc_score"] == "0" and rng.random() < 0.7:
        if rng.random() < 0.5:
            e["ihc_subtype"], described = "null", " No membrane staining is seen (HER2-null)."
        else:
            e["ihc_subtype"], e["ihc_percent"] = "ultralow", rng.choice([2, 5, 8])
            described = (f" Faint incomplete membrane staining is present in {e['ihc_percent']}% of invasive"
                         " tumour cells (HER2-ultralow).")
    elif e["ihc_score"] in _STAINING and rng.random() < 0.7:
        e["ihc_percent"] = rng.choice([20, 40, 60, 80])
        described = f" The tumour cells show {_STAINING[e['ihc_score']]} in {e['ihc_percent']}% of cells."
    text = (f"Immunohistochemistry for HER2{clone} was performed. HER2 is {word} (score {e['ihc_score']}) by IHC."
            f"{described} "
            f"The tumour cells are positive for estrogen receptor ({e['er_percent']}%) and for progesterone "
            f"receptor ({e['pr_percent']}%).")
    if "ish_result" in e:
        shows = "shows HER2 gene amplification" if e["ish_result"] == "amplified" else "shows no amplification"
        text += (f" FISH {shows} (HER2/CEP17 ratio {e['ish_ratio']}, mean HER2 copy number {e['ish_her2_copies']}"
                 f" per cell, mean CEP17 copy number {e['ish_cep17_copies']}, {e['ish_cells_counted']} nuclei counted).")
    return text


def _foreign(lang):
    def build(rng, e):
        s = e["ihc_score"]
        clone = e.get("antibody_clone", "4B5")
        e["antibody_clone"] = clone
        ish = "ish_result" in e
        comma = lang in ("de", "fr", "es", "it", "nl") and rng.random() < 0.5
        n = (lambda x: str(x).replace(".", ",")) if comma else str
        if lang == "de":
            text = f"HER2-Immunhistochemie (Klon {clone}): Score {s}.\nÖstrogenrezeptor: {e['er_percent']} %. Progesteronrezeptor: {e['pr_percent']} %."
            if ish:
                text += (f"\nHER2-FISH: HER2/CEP17-Quotient {n(e['ish_ratio'])}; mittlere HER2-Kopienzahl {n(e['ish_her2_copies'])} pro Zellkern; "
                         f"mittlere CEP17-Kopienzahl {n(e['ish_cep17_copies'])}; {e['ish_cells_counted']} Zellkerne ausgezählt.")
        elif lang == "fr":
            text = f"HER2 (immunohistochimie, clone {clone}) : score {s}.\nRE : {e['er_percent']} %. RP : {e['pr_percent']} %."
            if ish:
                text += (f"\nFISH : rapport HER2/CEP17 = {n(e['ish_ratio'])} ; {n(e['ish_her2_copies'])} copies de HER2 par noyau ; "
                         f"{n(e['ish_cep17_copies'])} copies CEP17 par noyau ; {e['ish_cells_counted']} noyaux analysés.")
        elif lang == "es":
            text = f"HER2 (inmunohistoquímica, clon {clone}): puntuación {s}.\nRE: {e['er_percent']}%. RP: {e['pr_percent']}%."
            if ish:
                text += (f"\nFISH: cociente HER2/CEP17 {n(e['ish_ratio'])}; {n(e['ish_her2_copies'])} copias de HER2 por célula; "
                         f"{n(e['ish_cep17_copies'])} copias de CEP17 por célula; {e['ish_cells_counted']} células contadas.")
        elif lang == "it":
            text = f"HER2 (immunoistochimica, clone {clone}): score {s}.\nER: {e['er_percent']}%. PgR: {e['pr_percent']}%."
            if ish:
                text += (f"\nFISH: rapporto HER2/CEP17 {n(e['ish_ratio'])}; numero medio di copie HER2 {n(e['ish_her2_copies'])} per cellula; "
                         f"CEP17 {n(e['ish_cep17_copies'])} copie per cellula; {e['ish_cells_counted']} cellule contate.")
        else:
            text = f"HER2 (immunohistochemie, kloon {clone}): score {s}.\nER: {e['er_percent']}%. PR: {e['pr_percent']}%."
            if ish:
                text += (f"\nFISH: HER2/CEP17-ratio {n(e['ish_ratio'])}; gemiddeld {n(e['ish_her2_copies'])} HER2-kopieën per cel; "
                         f"CEP17 {n(e['ish_cep17_copies'])} kopieën per cel; {e['ish_cells_counted']} cellen geteld.")
        if ish:
            e.pop("ish_result")  # the result word is left to the numbers here
        return text
    return build


TEMPLATES = {"en_synoptic": _en_synoptic, "en_oneline": _en_oneline, "en_narrative": _en_narrative,
             **{f"{lang}_report": _foreign(lang) for lang in ("de", "fr", "es", "it", "nl")}}

CONTROL = "External control tissue (known 3+) stained appropriately."
PRIOR = "Note: the previous biopsy was HER2 {other} with FISH {word}."
DCIS = "HER2 in the DCIS component: 3+."


def generated_reports(count: int = 180, seed: int = 11) -> list[dict]:
    """Reports with their expected fields (the corpus format) and whether review is expected."""
    rng = random.Random(seed)
    names = sorted(TEMPLATES)
    reports = []
    for i in range(count):
        name = names[i % len(names)]
        e: dict = {"ihc_score": rng.choice([s for s, _ in SCORES]), "er_percent": rng.choice([0, 5, 40, 80, 95]),
                   "pr_percent": rng.choice([0, 10, 30, 70])}
        if rng.random() < 0.6:
            e["antibody_clone"] = rng.choice(CLONES)
        if rng.random() < 0.5 or e["ihc_score"] == "2+":
            e.update(_ish(rng))
        text = TEMPLATES[name](rng, e)
        review = False
        variant = rng.random()
        if variant < 0.12:
            text = text + "\n" + CONTROL
        elif variant < 0.22:
            other = "3+" if e["ihc_score"] != "3+" else "1+"
            text = PRIOR.format(other=other, word="amplified") + "\n" + text
        elif variant < 0.30:
            text = text + "\n" + DCIS if not name.startswith("en_synoptic") else text
        elif variant < 0.38:
            other = "3+" if e["ihc_score"] != "3+" else "0"
            text = f"A. Left breast core biopsy:\n{text}\n\nB. Right breast core biopsy: HER2 (IHC): score {other}."
            for name in ("ihc_score", "ihc_subtype", "ihc_percent"):  # two specimens: no HER2 IHC for the case
                e.pop(name, None)
            review = True
        elif variant < 0.48:
            text = text.upper()
        elif variant < 0.56:
            text = text.replace("Number of", "Nmber of").replace("Average", "Averge").replace("immunohisto", "imunohisto")
        elif variant < 0.64 and name == "en_narrative":
            text = text.replace(" per cell", "\nper cell").replace("progesterone ", "progesterone\n")
        reports.append({"id": f"g{i:03d}", "lang": name[:2], "template": name, "text": text, "expected": e,
                        "review": review})
    return reports
