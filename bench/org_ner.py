"""Fine-tune the small spaCy pipelines' NER on the gold organisation names, and score it.

    # the shipped weights since the twenty-third session (v7: the corpus and written cases of bench/org_model.py's
    # EVERY, the narratives of bench/gold/train17 (--written), the acronyms gold names are paired with (--acronyms)
    # and the spent sets fresh17–28 (--also); fresh21, fresh22 and fresh29–35 held out to compare it with v5)
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_ner.py train --shipped --written --acronyms \
        --also fresh17 fresh18 fresh20 fresh23 fresh24 fresh25 fresh26 fresh27 fresh28 --out models/ner
    # v8 (twenty-fourth session, not shipped: worse on real texts) adds fresh30 fresh31 fresh32 fresh35 to --also,
    # v9 (the same session, not shipped either) train17 a second time
    # real texts added (bench/real_training.py, a measurement): the shipped recipe, --langs en --real-fold K
    # v5, shipped from the thirteenth to the twenty-second session, and cross-fitted ones for bench/org_model.py
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. nice -n 10 python3 bench/org_ner.py train --shipped --out .ner/v5
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_ner.py train --shipped --fold K --out .ner/foldK
    # the twelfth session's experiment: trained on the 60, train, fresh … fresh9; fresh10-12 held out
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_ner.py train --out .ner/v2
    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_ner.py score --models .ner/v2 --split fresh12

Why: most organisation misses are names the stock NER never spans (or spans as a place), and hand rules
no longer carry over to unseen texts. Gold gives names per document, not spans, so ``train`` finds them back
as spans (every exact occurrence on token boundaries, case-sensitive first, case-insensitive if none; names
not found are skipped), marks them ORG, keeps the gold places as the pipeline's place label (LOC in French,
GPE in English unless the pipeline gave LOC/FAC there), keeps the pipeline's own predicted entities of other
labels as silver (to limit forgetting; those overlapping a gold span are dropped) and leaves its ORG guesses
that gold does not list as *missing* (neither ORG nor not-ORG: gold lists the case's bodies, not every
name). Only ``ner`` is updated (its tok2vec is its own in both small pipelines), 10 epochs, learn rate 0.001,
dropout 0.1, seeded. ``--out/<lang>`` receives the ``ner`` component and ``base.json``, the form
``casemine.nlp`` loads (``models/ner`` is the shipped one; ``$CASEMINE_NER`` points casemine at another, or
``stock``). ``score`` runs ``bench/entities.py`` unchanged with ``$CASEMINE_NER`` set to ``--models`` (or
``stock``); the parse cache keys on the weights, so no separate cache is needed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import SPLITS, load_gold, texts_for  # noqa: E402
from bench.org_model import EVERY, NER_FOLD_SEED, fold_of  # noqa: E402
from bench.real_training import real_gold  # noqa: E402
from casemine.nlp import BASE_FILE, NER_ENV, PIPELINES, pipeline_name  # noqa: E402

TRAIN_SPLITS = ("all", "train", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9")
# bench/org_model.py's EVERY (every spent gold set and the training gold), TRAIN_SPLITS first
SHIPPED_SPLITS = TRAIN_SPLITS + tuple(s for s in EVERY if s not in TRAIN_SPLITS)
WRITTEN = ("train17",)  # long narratives written as training gold (seventeenth session; --written)
PLACE_LABEL = {"fr": "LOC", "en": "GPE"}
PLACE_LABELS = {"LOC", "GPE", "FAC"}
GENERIC_ACRONYMS = {"NGO", "ONG", "ASBL", "NPO", "CLT", "AUS"}  # a kind of body (or a country) in brackets, no name
CHUNK = 1500  # characters per training example: paragraphs joined up to this length


def occurrences(name: str, text: str) -> list[tuple[int, int]]:
    """Character offsets of every exact occurrence of ``name`` (case-insensitive only if none is exact)."""
    name = name.strip()
    if not name:
        return []
    for flags in (0, re.I):
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(name), text, flags)]
        if found:
            return found
    return []


def paired_acronyms(name: str, text: str) -> set[str]:
    """Acronyms the text pairs with ``name`` in brackets: "Full Name (ACR)" or "ACR (Full Name)"."""
    acronym = r"([A-ZÉÈ][A-Za-zÉÈ&.-]{1,9})"
    name = re.escape(name.strip())
    found = re.findall(rf"{name}\s*\(\s*{acronym}\s*\)", text) + re.findall(rf"\b{acronym}\s*\(\s*{name}\s*\)", text)
    return {a for a in found if sum(c.isupper() for c in a) >= 2 and len(a) >= 3 and a not in GENERIC_ACRONYMS}


def _overlaps(span, spans) -> bool:
    return any(span.start < s.end and s.start < span.end for s in spans)


def reference_ents(doc, gold: dict, lang: str, acronyms: bool = False):
    """(entities, missing spans) for one predicted ``doc``: gold ORG, gold places, the pipeline's other entities.

    With ``acronyms``, the acronyms the text pairs with a gold name in brackets are ORG wherever they stand (gold
    lists a body once, usually by its full name, so its later mentions by acronym were taught as no entity)."""
    from spacy.util import filter_spans

    text = doc.text
    names = [org["name"] for org in gold["organisations"]]
    if acronyms:
        names += sorted({a for name in names for a in paired_acronyms(name, text)} - set(names))
    orgs = []
    for name in names:
        for start, end in occurrences(name, text):
            span = doc.char_span(start, end, label="ORG")  # strict: occurrences inside a word are skipped
            if span is not None:
                orgs.append(span)
    orgs = filter_spans(orgs)
    predicted = {(e.start, e.end): e.label_ for e in doc.ents}
    places = []
    for place in gold["places"]:
        for start, end in occurrences(place, text):
            span = doc.char_span(start, end)
            if span is None or _overlaps(span, orgs):
                continue
            label = predicted.get((span.start, span.end))
            places.append(doc.char_span(start, end, label=label if label in PLACE_LABELS else PLACE_LABEL[lang]))
    ents = orgs + filter_spans(places)
    missing = []
    for ent in doc.ents:
        if _overlaps(ent, ents):
            continue
        (missing if ent.label_ == "ORG" else ents).append(ent)
    return sorted(ents, key=lambda s: s.start), missing


def chunks(text: str) -> list[tuple[int, int]]:
    """Paragraph-aligned (start, end) character ranges of about CHUNK characters."""
    bounds, start = [], 0
    for m in re.finditer(r"\n+", text):
        if m.end() - start >= CHUNK:
            bounds.append((start, m.start()))
            start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def examples(nlp, golds: list[dict], texts: list[str], lang: str, acronyms: bool = False) -> tuple[list, dict]:
    """spaCy Examples, one per chunk, and counts of the gold spans found back."""
    from spacy.training import Example

    out, stats = [], {"cases": 0, "org names": 0, "org names found": 0, "org spans": 0}
    with nlp.select_pipes(enable=["ner"]):
        docs = nlp.pipe(texts, batch_size=16)
        for gold, doc in zip(golds, docs, strict=True):
            ents, missing = reference_ents(doc, gold, lang, acronyms)
            stats["cases"] += 1
            stats["org names"] += len(gold["organisations"])
            stats["org names found"] += sum(bool(occurrences(o["name"], doc.text)) for o in gold["organisations"])
            stats["org spans"] += sum(e.label_ == "ORG" for e in ents)
            for start, end in chunks(doc.text):
                piece = nlp.make_doc(doc.text[start:end])
                ref = nlp.make_doc(doc.text[start:end])

                def inside(spans, label=True, start=start, end=end, piece=piece):
                    kept = []
                    for s in spans:
                        if start <= s.start_char and s.end_char <= end:
                            span = piece.char_span(s.start_char - start, s.end_char - start, s.label_ if label else "")
                            if span is not None:
                                kept.append(span)
                    return kept

                ref.set_ents(inside(ents), missing=inside(missing, label=False), default="outside")
                out.append(Example(piece, ref))
    return out, stats


def train(args: argparse.Namespace) -> None:
    """Fine-tune each language's ner on the training splits' gold and write the weights under ``--out``.

    ``--out/<lang>`` holds the ``ner`` component alone and ``base.json`` (the pipeline it was tuned from), the
    form ``casemine.nlp`` loads. With ``--fold k`` the cases of fold k (of ``--folds``) are left out.
    """
    import spacy

    splits = (SHIPPED_SPLITS if args.shipped else TRAIN_SPLITS) + (WRITTEN if args.written else ()) + tuple(args.also)
    golds = [g for split in splits for g in load_gold(split)]
    if args.shipped:  # shipped weights learn from the project's own texts only: Participedia's licence is not ours
        golds = [g for g in golds if not g["id"].startswith("participedia-")]
    if args.real_fold is not None:  # a measurement, never shipped: bench/real_training.py
        golds += [g for g in real_gold() if fold_of(g["id"], args.folds, NER_FOLD_SEED) != args.real_fold]
    if args.fold is not None:
        golds = [g for g in golds if fold_of(g["id"], args.folds, NER_FOLD_SEED) != args.fold]
    golds, texts = texts_for(golds)
    for lang in args.langs:
        t0 = time.time()
        nlp = spacy.load(pipeline_name(lang))
        pairs = [(g, t) for g, t in zip(golds, texts, strict=True) if g["lang"] == lang]
        data, stats = examples(nlp, [g for g, _ in pairs], [t for _, t in pairs], lang, args.acronyms)
        print(lang, stats, f"{len(data)} examples", flush=True)
        optimizer = nlp.resume_training()
        optimizer.learn_rate = args.lr
        rng = random.Random(0)
        spacy.util.fix_random_seed(0)
        with nlp.select_pipes(enable=["ner"]):
            for epoch in range(args.epochs):
                rng.shuffle(data)
                losses: dict = {}
                for batch in spacy.util.minibatch(data, size=8):
                    nlp.update(batch, sgd=optimizer, drop=args.drop, losses=losses)
                print(f"{lang} epoch {epoch + 1}: ner loss {losses.get('ner', 0):.1f}", flush=True)
        folder = Path(args.out) / lang
        folder.mkdir(parents=True, exist_ok=True)
        nlp.get_pipe("ner").to_disk(folder, exclude=["vocab"])
        base = {"lang": lang, "version": nlp.meta["version"], "spacy": spacy.__version__, "cases": len(pairs)}
        (folder / BASE_FILE).write_text(json.dumps(base, indent=1) + "\n", "utf-8")
        print(f"{lang}: trained in {time.time() - t0:.0f}s", flush=True)


def score(args: argparse.Namespace) -> None:
    """Run bench/entities.py with the fine-tuned pipelines in place of the stock ones."""
    import os

    from bench import entities

    os.environ[NER_ENV] = args.models or "stock"
    sys.argv = ["entities.py", "--split", args.split] + (["--errors"] if args.errors else [])
    t0 = time.time()
    entities.main()
    print(f"scored in {time.time() - t0:.1f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--out", required=True, help="folder for the fine-tuned pipelines (OUT/fr, OUT/en)")
    t.add_argument("--langs", nargs="+", default=list(PIPELINES))
    t.add_argument("--epochs", type=int, default=10)
    t.add_argument("--lr", type=float, default=0.001)
    t.add_argument(
        "--shipped", action="store_true", help="train on the corpus cases of every spent gold set (no Participedia)"
    )
    t.add_argument("--folds", type=int, default=3)
    t.add_argument("--fold", type=int, help="leave out this fold's cases (cross-fitting the organisation check)")
    t.add_argument(
        "--real-fold",
        type=int,
        help="also train on the real texts of the spent gold sets outside this fold (bench/real_training.py; never "
        "for shipped weights: Participedia's licence is not ours)",
    )
    t.add_argument("--drop", type=float, default=0.1)
    t.add_argument("--acronyms", action="store_true", help="also teach the acronyms paired with gold names as ORG")
    t.add_argument("--written", action="store_true", help="also train on the written narratives (bench/gold/train17)")
    t.add_argument(
        "--also", nargs="+", default=[], choices=SPLITS, metavar="SPLIT", help="also train on these gold sets"
    )
    s = sub.add_parser("score")
    s.add_argument("--models", help="folder written by train; without it, the stock NER")
    s.add_argument("--split", required=True)
    s.add_argument("--errors", action="store_true", help="print each case's misses and spurious finds")
    args = parser.parse_args()
    (train if args.command == "train" else score)(args)


if __name__ == "__main__":
    main()
