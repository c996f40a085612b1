"""Entity extraction against the gold annotations in bench/gold/: precision, recall, F1 per kind.

    python bench/entities.py [--split dev|test|all|fresh|fresh2|...|fresh22|fresh15-16|spent15|spent16|train|train13|train13a…l|train14|train14a…f|train15|train15a…f|train17|train17a…p]
                             [--lang fr|en] [--source corpus|participedia|written] [--chars MIN MAX]
                             [--check-threshold T] [--errors]
                             [--against FOLDER]

The 60 cases of bench/gold/ are split by position (even = dev, odd = test, in id order). Both
halves have been read for error analysis, and so has ``--split fresh`` (40 cases in bench/gold/fresh/,
scored once as a held-out set, then used as development data): none of them is held out any more;
``--split fresh2`` (40 more cases in bench/gold/fresh2/, annotated by someone who never saw the
extractor) was scored once on the final code of the third round (see docs/benchmarks.md) and is
spent in its turn: the fourth round read its errors too. ``--split fresh3`` (40 further cases in
bench/gold/fresh3/, chosen and annotated the same way; see its README) is the held-out set for
session 4, scored once on the fourth round's final code (docs/benchmarks.md) and spent once read;
``--split fresh4`` is session 5's, ``--split fresh5`` (24 corpus cases: no unused Participedia
record was left under the length limit) session 6's, ``--split fresh6`` (24 corpus cases again)
session 7's, ``--split fresh7`` session 8's and ``--split fresh8`` (bench/gold/fresh8/) session 9's,
each scored once the same way. ``--split train`` (bench/gold/train/,
annotated in session 5 as training data for the learned organisation model, ``bench/org_model.py``)
was never held out. ``--against fresh4b`` scores a second, independent annotation of the split's
cases instead of the extractor (the two annotators' agreement). Participedia gold cases need the
outside data (``$CASEMINE_DATA`` or ``shared/data``); they are skipped without it.

Matching, per case (document level, each gold item matched at most once):

- countries, actor kinds, years: equal values; money: equal currency and rounded amount;
- organisations and places: equal name keys (``names.normalise_name``: case, accents, a leading
  article "the/le/la/les/l'" and punctuation ignored), or the shorter name (two words at least)
  inside the longer one ("Conseil départemental" in "Conseil départemental du Nord"), or an
  acronym and the name the text itself pairs it with in brackets, "Full Name (ACR)" or
  "ACR (Full Name)" (the text says they are one body, so counting both as different would punish
  either naming); kinds are compared only in the "public bodies" and "civil society" rows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.gold.check import written_texts  # noqa: E402
from bench.gold.train13 import choose as train13  # noqa: E402
from bench.gold.train14 import choose as train14  # noqa: E402
from bench.gold.train15 import choose as train15  # noqa: E402
from casemine.actors import ACTOR_KINDS  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.external import outside_text  # noqa: E402
from casemine.names import normalise_name  # noqa: E402
from casemine.nlp import analyse  # noqa: E402
from casemine.org_filter import shipped_filter  # noqa: E402

# the NER training gold (train15 written in the fourteenth session, trained on since the fifteenth): split -> its parts' letters
# train17: long narratives written for it in the seventeenth session, their texts in its parts' texts.jsonl
TRAINING = {
    "train13": train13.PARTS,
    "train14": train14.PARTS,
    "train15": train15.PARTS,
    "train17": tuple("abcdefghijklmnop"),
}
# sets drawn together and scored together (the fourteenth session's two blind sets; the fifteenth session's real
# texts, annotated in three parts, and their second reading, for --against; every set spent before the sixteenth)
JOINED = {
    "fresh15-16": ("fresh15", "fresh16"),
    "fresh17-18": ("fresh17", "fresh18"),  # the seventeenth session's corpus dev set for its NER experiments
    "fresh19": ("fresh19a", "fresh19b", "fresh19c"),
    "fresh19-second": ("fresh19a2", "fresh19b2", "fresh19c2"),
    "fresh20": ("fresh20a", "fresh20b"),  # the sixteenth session's: the last 57 corpus cases, in two parts
    "fresh21": ("fresh21a", "fresh21b", "fresh21c"),  # and 24 more real Participedia texts, in three
    "fresh22": ("fresh22a", "fresh22b", "fresh22c"),  # the seventeenth session's: 24 more real texts, in three
    # the nineteenth session's: 48 short cases written for it in the corpus's manner (the corpus had none left), in four
    "fresh23": ("fresh23a", "fresh23b", "fresh23c", "fresh23d"),
    # the twentieth session's: 48 more written the same way, in regions the earlier sets had little of
    "fresh24": ("fresh24a", "fresh24b", "fresh24c", "fresh24d"),
    # and 48 more, written in the regions whose first-level names the gazetteer gained after fresh24 was scored
    "fresh25": ("fresh25a", "fresh25b", "fresh25c", "fresh25d"),
    # the twenty-first session's: 48 more, in regions the corpus has (UK, US, Belgium, Switzerland, Québec, Africa…)
    "fresh26": ("fresh26a", "fresh26b", "fresh26c", "fresh26d"),
    "fresh26-second": ("fresh26a2", "fresh26b2", "fresh26c2", "fresh26d2"),  # its second, independent reading
    # and 48 more, blind to the term lists and rules changed after fresh26 was scored
    "fresh27": ("fresh27a", "fresh27b", "fresh27c", "fresh27d"),
    # the twenty-second session's: 48 more, in the OECD regions most submissions come from (rural France, Australia
    # and New Zealand, Switzerland and Luxembourg, Ireland and the UK's nations, Québec and Ontario, the US, France's
    # overseas territories, continental Europe and Japan written about in English)
    "fresh28": ("fresh28a", "fresh28b", "fresh28c", "fresh28d"),
    # and 16 real Participedia texts: the last eight unused ones of at most 15,000 characters, eight of at most 30,000
    "fresh29": ("fresh29a", "fresh29b", "fresh29c", "fresh29d"),
    # and 48 more written cases, blind to the branch-name rule (mid-sized French cities, English Canada, Belgium,
    # England, francophone West and Central Africa, the Nordic countries, French national programmes, Latin America)
    "fresh30": ("fresh30a", "fresh30b", "fresh30c", "fresh30d"),
    # the twenty-third session's: 48 more, blind to the school-name rule (health and care in France and the US,
    # Montréal, Québec, Laval and Brussels, Australia and New Zealand, the Maghreb, Lebanon and Haiti, Ireland and the
    # UK's nations, education and environment in France, Asia and Africa written about in English)
    "fresh31": ("fresh31a", "fresh31b", "fresh31c", "fresh31d"),
    # and 48 more, for the session's final extractor (Paris and Île-de-France, London and the South East, French-speaking
    # Switzerland and Luxembourg, Canada in English, francophone Africa and the Indian Ocean, the Baltic states and
    # Central Europe, Québec's regions and Acadian New Brunswick, East Asia and Latin America in English)
    "fresh32": ("fresh32a", "fresh32b", "fresh32c", "fresh32d"),
    # and 12 real Participedia texts of at most 30,000 characters, the first twelve of the 26 unused ones
    # (bench/gold/fresh3/choose.py --seed casemine-fresh33-gold-2026: --n-corpus 0 --n-outside 40 --max-chars 30000)
    "fresh33": ("fresh33a", "fresh33b", "fresh33c", "fresh33d"),
    # and 12 more, the next twelve of the same draw, for the final extractor (with the NER v7, chosen after fresh33)
    "fresh34": ("fresh34a", "fresh34b", "fresh34c", "fresh34d"),
    # and 48 more written cases, for the final extractor (north-eastern France, the US Midwest and South, Wallonia,
    # Brussels and Québec's Montérégie, Laurentides and Lanaudière, the Netherlands, Germany, Austria and Switzerland in
    # English, southern France, Australia and New Zealand, Haiti and the French overseas, South and Southeast Asia)
    "fresh35": ("fresh35a", "fresh35b", "fresh35c", "fresh35d"),
    # and 48 more, for the extractor with the "Georgia" rule (western France, the western US, Central Africa,
    # English-speaking Africa, French suburbs, Wales and the North of England, francophone Canada outside Québec, the
    # North); annotated in a hurry, the annotators' READMEs say which conventions they did not read
    "fresh36": ("fresh36a", "fresh36b", "fresh36c", "fresh36d"),
    # the twenty-fourth session's: 48 more written cases (Auvergne-Rhône-Alpes and Bourgogne, Scotland, culture, sport,
    # housing and transport in France, the US Northeast, West Africa and the Maghreb in French, the English Midlands and
    # North, rural and mountain France, Africa, the Caribbean and the Pacific in English)
    "fresh37": ("fresh37a", "fresh37b", "fresh37c", "fresh37d"),
    # and the last seven unused English Participedia texts of the development file (15,000 to 43,000 characters)
    # (bench/gold/fresh3/choose.py --seed casemine-fresh38-gold-2026: --n-corpus 0 --n-outside 7 --max-chars 50000)
    "fresh38": ("fresh38a", "fresh38b", "fresh38c", "fresh38d"),
    # and 48 more written cases, for the extractor with the province rule (justice and policing, water, energy and
    # waste, children's and family services, migration and integration, in French- and English-speaking countries)
    "fresh39": ("fresh39a", "fresh39b", "fresh39c", "fresh39d"),
    # every gold set spent by the end of the fifteenth session: the 60, the blind sets to fresh17, the training gold
    "spent15": ("all", "fresh", *(f"fresh{n}" for n in range(2, 18)), "train", "train13", "train14", "train15"),
}
# and by the end of the sixteenth: with fresh18 and fresh19 (the seventeenth session's --source participedia)
JOINED["spent16"] = JOINED["spent15"] + ("fresh18", "fresh19")
# every name --split accepts: the 60 (dev, test, all), the blind sets, the training gold and its parts
SPLITS = list(
    dict.fromkeys(
        [
            "dev",
            "test",
            "all",
            *(f"fresh{n}" for n in ("", *range(2, 19))),
            *JOINED,
            *(part for parts in JOINED.values() for part in parts),
            "train",
            *(f"{split}{part}" for split, parts in TRAINING.items() for part in ("", *parts)),
        ]
    )
)
KINDS = ("countries", "actors", "organisations", "public bodies", "civil society", "places", "years", "money")


def load_gold(split: str) -> list[dict]:
    if split in TRAINING:  # a session's NER training gold, all its parts
        return sorted((g for part in TRAINING[split] for g in load_gold(f"{split}{part}")), key=lambda g: g["id"])
    if split in JOINED:
        return sorted((g for one in JOINED[split] for g in load_gold(one)), key=lambda g: g["id"])
    gold = []
    folder = ROOT / "bench" / "gold" / (split if split.startswith(("fresh", "train")) else "")
    for path in sorted(folder.glob("entities.*.jsonl")):
        gold += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    gold.sort(key=lambda g: g["id"])
    if split in ("dev", "test"):
        gold = [g for i, g in enumerate(gold) if (i % 2 == 0) == (split == "dev")]
    return gold


def source(case_id: str) -> str:
    """Where a gold case's text comes from: ``participedia``, ``written`` (training gold, fresh23 to fresh25) or ``corpus``."""
    prefix = case_id.split("-", 1)[0]
    return prefix if prefix in ("participedia", "written") else "corpus"


def texts_for(gold: list[dict]) -> tuple[list[dict], list[str]]:
    cases = {c.id: c.text for c in read_cases(ROOT / "corpus" / "cases")} | written_texts()
    kept, texts = [], []
    for g in gold:
        if g["id"].startswith("participedia-"):
            try:
                texts.append(outside_text({"participedia_id": int(g["id"].split("-", 1)[1])}))
            except LookupError:
                continue
        else:
            texts.append(cases[g["id"]])
        kept.append(g)
    return kept, texts


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|le|la|les)\s+|^l['’]", "", name.strip(), flags=re.I)


def paired_in_text(a: str, b: str, text: str) -> bool:
    """Whether the text writes one name with the other in brackets: "Full Name (ACR)" or "ACR (Full Name)"."""
    a, b = _bare(a), _bare(b)
    if not a or not b:
        return False
    pattern = r"{}\s*\(\s*{}\s*\)"
    return any(re.search(pattern.format(re.escape(x), re.escape(y)), text, re.I) for x, y in ((a, b), (b, a)))


def name_match(a: str, b: str, text: str = "") -> bool:
    """Same organisation or place: equal keys, one name inside the other (two words at least), or an
    acronym and the name the text pairs it with."""
    ka, kb = normalise_name(a), normalise_name(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if len(short.split()) >= 2 and f" {short} " in f" {long} ":
        return True
    return bool(text) and paired_in_text(a, b, text)


def match_names(pred: list[str], gold: list[str], text: str = "") -> int:
    used, hits = set(), 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and name_match(p, g, text):
                used.add(i)
                hits += 1
                break
    return hits


def compare(kind: str, pred: dict, gold: dict, text: str = "") -> tuple[int, int, int, list, list]:
    """(true positives, predicted, gold, missed, spurious) for one case and kind."""
    if kind in ("organisations", "public bodies", "civil society", "places"):
        if kind == "places":
            p, g = pred["places"], gold["places"]
        else:
            want = {"public bodies": "public", "civil society": "civil_society"}.get(kind)
            p = [o["name"] for o in pred["organisations"] if want in (None, o["kind"])]
            g = [o["name"] for o in gold["organisations"] if want in (None, o["kind"])]
        tp = match_names(p, g, text)
        missed = [x for x in g if not any(name_match(x, y, text) for y in p)]
        spurious = [x for x in p if not any(name_match(x, y, text) for y in g)]
        return tp, len(p), len(g), missed, spurious
    if kind == "money":
        p = {(m["currency"], round(float(m["amount"]))) for m in pred["money"]}
        g = {(m["currency"], round(float(m["amount"]))) for m in gold["money"]}
    else:
        p, g = set(pred[kind]), set(gold[kind])
    return len(p & g), len(p), len(g), sorted(g - p, key=str), sorted(p - g, key=str)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
    )
    parser.add_argument(
        "--lang", choices=["fr", "en"], help="score the cases of one language only (P and R by language)"
    )
    parser.add_argument(
        "--source",
        choices=["corpus", "participedia", "written"],
        help="score one kind of text only: corpus cases, real Participedia texts, or texts written as training gold",
    )
    parser.add_argument(
        "--chars", nargs=2, type=int, metavar=("MIN", "MAX"), help="score the texts of MIN to MAX-1 characters only"
    )
    parser.add_argument(
        "--check-threshold",
        type=float,
        help="the organisation check's threshold for every text instead of the shipped ones (0.3; 0.45 from 6,000 "
        "characters)",
    )
    parser.add_argument("--errors", action="store_true", help="print each case's misses and spurious finds")
    parser.add_argument(
        "--against",
        metavar="FOLDER",
        help="score another annotation of the split's cases (a folder of bench/gold/, e.g. fresh4b) instead of "
        "the extractor: the agreement of two annotators, on the same matching",
    )
    args = parser.parse_args()
    gold, texts = texts_for(
        [g for g in load_gold(args.split) if args.lang in (None, g["lang"]) and args.source in (None, source(g["id"]))]
    )
    if args.chars:
        kept = [(g, t) for g, t in zip(gold, texts, strict=True) if args.chars[0] <= len(t) < args.chars[1]]
        gold, texts = [g for g, _ in kept], [t for _, t in kept]
    if args.check_threshold is not None:
        shipped_filter().threshold_, shipped_filter().long_threshold = args.check_threshold, None
    if args.against:
        other = {g["id"]: g for g in load_gold(args.against)}
        found = [other[g["id"]] for g in gold]
    else:
        found = [a.entities for a in analyse(texts, [g["lang"] for g in gold])]
    totals = {k: [0, 0, 0] for k in KINDS}
    per_lang = {lang: {k: [0, 0, 0] for k in KINDS} for lang in ("fr", "en")}
    for g, entities, text in zip(gold, found, texts, strict=True):
        for kind in KINDS:
            tp, np_, ng, missed, spurious = compare(kind, entities, g, text)
            for table in (totals, per_lang[g["lang"]]):
                table[kind][0] += tp
                table[kind][1] += np_
                table[kind][2] += ng
            if args.errors and (missed or spurious) and kind not in ("public bodies", "civil society"):
                print(f"{g['id']} {kind}: missed {missed} spurious {spurious}")
    print(
        f"\n{'annotation ' + args.against if args.against else 'entity extraction'}, split={args.split}: {len(gold)} cases "
        f"({sum(g['lang'] == 'fr' for g in gold)} fr, {sum(g['lang'] == 'en' for g in gold)} en)"
    )
    print(f"{'kind':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}   F1 fr / en")
    for kind in KINDS:

        def prf(t):
            p = t[0] / t[1] if t[1] else 0.0
            r = t[0] / t[2] if t[2] else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = prf(totals[kind])
        ff, fe = prf(per_lang["fr"][kind])[2], prf(per_lang["en"][kind])[2]
        print(f"{kind:<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{totals[kind][2]:>7}   {ff:.3f} / {fe:.3f}")
    assert set(ACTOR_KINDS) >= {x for g in gold for x in g["actors"]}, "gold uses an unknown actor kind"


if __name__ == "__main__":
    main()
