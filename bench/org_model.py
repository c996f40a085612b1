"""Cross-validate the learned organisation model (``casemine.org_filter``) over all gold cases, grouped by case.

    CASEMINE_DATA=/work/shared/data PYTHONPATH=. python3 bench/org_model.py [--folds 5] [--ner-folds DIR] [--write]

Every spent gold set of ``bench/gold/`` (the 60, train, fresh to fresh12: 654 cases; not fresh4b, a second
reading of fresh4) is put in one of ``--folds`` folds by a hash of its id. For each
fold the model is fitted on the candidates of the other folds' cases and the fold's cases are scored
with the organisation rows of ``bench/entities.py`` (same matching: its ``compare``), so every figure
is on cases the model was not fitted on. These are cross-validated figures, not blind ones: the rules
that propose the candidates were written while reading the errors of most of these cases. The shipped
weights are scored too, as they are (in-sample on the cases they were fitted on: see below).

Candidates come from the stock spaCy NER, or with ``--ner-folds DIR`` from casemine's fine-tuned NER,
cross-fitted: each case parsed by the fold model (``DIR/fold<k>``, ``bench/org_ner.py train --shipped --fold
k``) that did not see it, as the shipped NER meets an unseen text.

``--write`` then fits on all cases and writes the shipped weights (``data/entities/org_filter.json``).
``--name-vectors W`` has the model read each name's sentence vector at weight ``W`` (``casemine.vectors``; 1.0 in the
shipped weights since the nineteenth session).
``--every-set`` adds the later spent sets (fresh13–16) and the training gold (train13–15), ``--also`` any further sets
(those ``bench/org_ner.py train --also`` learned from, so the check meets the names of the NER it sits behind);
``--corpus-only`` leaves out the Participedia cases, whose licence is not the project's. A row scores the cases
outside ``SETS``, the 414 the ninth session's weights were fitted on, where both those weights and a refit are out of
sample. The weights shipped now
are the nineteenth session's (``--every-set --corpus-only --ner-folds /work/ner14/folds --name-vectors 1.0``: the
fifteenth session's 1,874 corpus cases and candidates from the fourteenth session's NER fold models, with each name's
sentence vector); before them, the fifteenth session's on the same cases without vectors, the fourteenth session's on
1,490 such cases, and the ninth session's on 414. The eighth session's refit was not
shipped because it dropped "CPAS", which the extraction issue asks to recognise; since the ninth session the rules'
one-word public bodies (``organisations.listed_names``: CPAS, CCAS, CLSC…) are kept whatever the weights say. The
thirteenth session's refit on 654 cases scored below the weights of the time and was not shipped
(docs/benchmarks.md, "The fine-tuned NER, shipped"). The twenty-fourth session's refit on candidates of fold models
trained on the v7 recipe (``--also train17 fresh17 … fresh28``) was not shipped either: +0.007 on unseen written
cases, −0.011 on real texts, and two bodies the tests hold dropped (docs/benchmarks.md, twenty-fourth session).
Parses are cached in ``$CASEMINE_BENCH_CACHE`` (default ``/tmp/casemine-org-model``), keyed by the
text, the language, the rule data files and the NER weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.entities import compare, load_gold, name_match, texts_for  # noqa: E402
from casemine.acronyms import is_acronym  # noqa: E402
from casemine.entities import extract_entities  # noqa: E402
from casemine.names import count_whole, doc_text, remember_text  # noqa: E402
from casemine.nlp import folder_hash, load_pipeline, open_pipeline, pipeline_name  # noqa: E402
from casemine.org_filter import MODEL_PATH, OrganisationFilter, name_vectors, select, shipped_filter  # noqa: E402
from casemine.organisations import rule_kind_of  # noqa: E402

SETS = ("all", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "train")  # bench/actor_*.py's cases
# the 654 cases of the thirteenth session's runs (docs); fresh13, fresh14 and train13a–l came after them
SPENT = SETS + tuple(f"fresh{n}" for n in range(7, 13))
# every spent gold set and the training gold (--every-set; bench/org_ner.py trains on these); the fourteenth
# session's runs had the first four (1,490 corpus cases), fresh15, fresh16 and train15 came with the fifteenth
EVERY = SPENT + ("fresh13", "fresh14", "train13", "train14", "fresh15", "fresh16", "train15")
ROWS = ("organisations", "public bodies", "civil society")
NER_FOLD_SEED = "ner"  # the NER's cross-fitting folds (bench/org_ner.py --fold), apart from the check's folds


def gold_cases(sets: tuple[str, ...] = SETS) -> list[dict]:
    """Every gold case of ``sets`` with its text and set name, in set then id order."""
    cases = []
    for split in sets:
        gold, texts = texts_for(load_gold(split))
        cases += [{"gold": g, "text": t, "set": split} for g, t in zip(gold, texts, strict=True)]
    return cases


def _cache_dir(ner: Path | None) -> Path:
    import os

    from casemine.cache import rules_fingerprint

    base = Path(os.environ.get("CASEMINE_BENCH_CACHE", "/tmp/casemine-org-model"))
    path = base / rules_fingerprint() / ("stock" if ner is None else folder_hash(ner))
    path.mkdir(parents=True, exist_ok=True)
    return path


def parse(cases: list[dict], ner_folds: Path | None = None) -> None:
    """Add each case's spaCy ``doc``, from the cache or parsed (and cached).

    With ``ner_folds`` (the folders ``fold<k>`` written by ``bench/org_ner.py train --fold k``), each case is
    parsed with the NER that was not trained on it, so that its candidates look like those of an unseen text;
    without, with the pipelines' stock NER.
    """
    from spacy.tokens import DocBin

    folds = sum(p.is_dir() for p in ner_folds.glob("fold*")) if ner_folds else 1
    for lang in ("fr", "en"):
        for k in range(folds):
            ner = ner_folds / f"fold{k}" / lang if ner_folds else None
            mine = [
                c
                for c in cases
                if c["gold"]["lang"] == lang and (not ner or fold_of(c["gold"]["id"], folds, NER_FOLD_SEED) == k)
            ]
            if not mine:  # fold models may be of one language only (bench/real_training.py's)
                continue
            nlp = open_pipeline(pipeline_name(lang), ner)
            folder = _cache_dir(ner)
            keys = [hashlib.sha256(c["text"].encode()).hexdigest()[:20] for c in mine]
            todo = [
                (c, key) for c, key in zip(mine, keys, strict=True) if not (folder / f"{lang}-{key}.spacy").exists()
            ]
            for (_, key), doc in zip(todo, nlp.pipe(c["text"] for c, _ in todo), strict=True):
                DocBin(docs=[doc]).to_disk(folder / f"{lang}-{key}.spacy")
            for case, key in zip(mine, keys, strict=True):
                # read into the vocab the extraction's matchers use (a fold's pipeline has its own)
                [doc] = DocBin().from_disk(folder / f"{lang}-{key}.spacy").get_docs(load_pipeline(lang).vocab)
                remember_text(doc, case["text"])
                case["doc"] = doc


def candidates(cases: list[dict]) -> None:
    """Add each case's extraction with the learned check switched off, its candidates and their labels."""
    for case in cases:
        lang = case["gold"]["lang"]
        found: list = []
        case["entities"] = extract_entities(case["doc"], load_pipeline(lang), lang, org_features=found)
        gold_names = [o["name"] for o in case["gold"]["organisations"]]
        case["candidates"] = found
        case["labels"] = labels(found, gold_names, case["text"])


def labels(found: list, gold_names: list[str], text: str) -> list[int]:
    """1 for the candidate that stands for a gold organisation: of the candidates matching it, the first the rules
    keep, else the first; a second name for it (its acronym in brackets, a shorter mention) is 0, since the bench
    counts it as spurious once the body is found."""
    owners = set()
    for g in gold_names:
        matching = [i for i, c in enumerate(found) if name_match(c.name, g, text)]
        ruled = [i for i in matching if found[i].ruled]
        if matching:
            owners.add((ruled or matching)[0])
    return [int(i in owners) for i in range(len(found))]


def fold_of(case_id: str, folds: int, seed: int | str = 0) -> int:
    return int(hashlib.sha256(f"{seed}{case_id}".encode()).hexdigest(), 16) % folds


_DETERMINERS = {"the", "le", "la", "les", "l'", "l’", "a", "an", "un", "une", "des"}
_PREPOSITIONS = {
    "of", "by", "with", "from", "for", "to", "at", "and", "de", "du", "par", "avec", "à", "au", "aux", "pour", "et",
    "d'", "d’", "between", "entre",
}  # fmt: skip


def previous_features(c, lang: str) -> list[str]:
    """The features of the previous learned check (casemine/org_filter.py at commit c25d467, session 4), for the
    baseline row: the same function, applied to the mention the rules keep."""
    ent, name, kind = c.ent, c.name, c.kind
    doc = ent.doc
    words = c.key.split()
    mentions = count_whole(doc_text(doc), name, limit=3)
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    features = [
        f"src={ent.label_}",
        f"rule={rule_kind_of(ent) or 'none'}",
        f"kind={kind}",
        f"words={min(len(words), 4)}",
        f"mentions={min(mentions, 3)}",
        f"lang={lang}",
        f"first={words[0] if words else ''}",
        f"last={words[-1] if words else ''}",
        "before=det" if before in _DETERMINERS else "before=prep" if before in _PREPOSITIONS else "before=other",
    ]
    window = list(doc[max(0, ent.start - 3) : ent.start]) + list(doc[ent.end : ent.end + 3])
    features += sorted({f"near={t.lemma_.lower()}" for t in window if t.is_alpha and t.is_lower and len(t) > 2})
    if is_acronym(name):
        features.append("acronym")
    if any(ch.isdigit() for ch in name):
        features.append("digit")
    if ent.start == 0 or doc[ent.start].is_sent_start or "\n" in doc[ent.start - 1].whitespace_:
        features.append("line_start")
    if all(w[:1].isupper() for w in name.split() if w.isalpha() and len(w) > 3):
        features.append("all_title")
    if len(words) == 1 and kind == "other":
        features.append("single_other")
    return features


def fit(cases: list[dict], featurise=None, **params) -> OrganisationFilter:
    """The model fitted on the cases' candidates (only those the rules keep unless ``params`` set ``rescue``)."""
    rows = [
        (featurise(c) if featurise else c.features, y, case["gold"]["id"], c)
        for case in cases
        for c, y in zip(case["candidates"], case["labels"], strict=True)
        if c.ruled or params.get("rescue") is not None
    ]
    vectors = None
    if params.get("name_vectors"):
        name_vectors([r[3] for r in rows], keep=True)
        vectors = np.array([r[3].vector for r in rows])
    return OrganisationFilter(**params).fit(
        [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], vectors=vectors
    )


def organisations(case: dict, model: OrganisationFilter | None, featurise=None) -> list[dict]:
    """The organisations the extraction gives the case with ``model`` (None: the rules alone), the model's bar
    for the text's length applied as in the extraction."""
    if featurise is None:
        return select(case["candidates"], model, chars=len(case["text"]))
    shown = [replace(c, features=featurise(c) if c.ruled else []) for c in case["candidates"]]
    return select(shown, model, chars=len(case["text"]))


def score(cases: list[dict], predicted: list[list[dict]]) -> dict[str, dict[str, list[int]]]:
    """(tp, predicted, gold) per row and per language ("all", "fr", "en")."""
    totals = {scope: {row: [0, 0, 0] for row in ROWS} for scope in ("all", "fr", "en")}
    for case, orgs in zip(cases, predicted, strict=True):
        entities = dict(case["entities"], organisations=orgs)
        for row in ROWS:
            tp, n_pred, n_gold, _, _ = compare(row, entities, case["gold"], case["text"])
            for scope in ("all", case["gold"]["lang"]):
                totals[scope][row] = [a + b for a, b in zip(totals[scope][row], (tp, n_pred, n_gold), strict=True)]
    return totals


def prf(t: list[int]) -> tuple[float, float, float]:
    p = t[0] / t[1] if t[1] else 0.0
    r = t[0] / t[2] if t[2] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(cases: list[dict], folds: int, seed: int, featurise=None, **params) -> list[list[dict]]:
    """Each case's organisations from the model fitted on the other folds' cases."""
    predicted: list[list[dict]] = [[] for _ in cases]
    for k in range(folds):
        model = fit([c for c in cases if fold_of(c["gold"]["id"], folds, seed) != k], featurise, **params)
        for i, case in enumerate(cases):
            if fold_of(case["gold"]["id"], folds, seed) == k:
                predicted[i] = organisations(case, model, featurise)
    return predicted


def summary(cases: list[dict], runs: list[list[list[dict]]]) -> dict[str, tuple[float, ...]]:
    """Mean P/R/F1 over the runs (fold seeds): organisations, public bodies, civil society, per language and
    per gold set; with the counts of predicted and gold organisations of the first run."""
    out: dict[str, list] = {}
    for predicted in runs:
        totals = score(cases, predicted)
        for row in ROWS:
            out.setdefault(row, []).append(prf(totals["all"][row]))
        for lang in ("fr", "en"):
            out.setdefault(f"organisations {lang}", []).append(prf(totals[lang]["organisations"]))
        groups = {g: [i for i, c in enumerate(cases) if c["set"] == g] for g in dict.fromkeys(c["set"] for c in cases)}
        # the cases outside SETS, the 414 the ninth session's weights were fitted on (shipped until the fourteenth)
        groups["outside SETS"] = [i for i, c in enumerate(cases) if c["set"] not in SETS]
        for split, part in groups.items():
            if part:
                t = score([cases[i] for i in part], [predicted[i] for i in part])["all"]["organisations"]
                out.setdefault(f"set {split}", []).append(prf(t))
    return {key: tuple(sum(v[j] for v in vals) / len(vals) for j in range(3)) for key, vals in out.items()}


def report(title: str, result: dict[str, tuple[float, ...]]) -> None:
    print(f"\n{title}")
    for key, (p, r, f) in result.items():
        print(f"  {key:<20} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3, help="fold assignments to average over")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, default=0.3)
    parser.add_argument(
        "--rescue", type=float, default=None, help="also measure names the rules refuse, kept at this probability"
    )
    parser.add_argument(
        "--name-vectors", type=float, default=0.0, help="also read each name's sentence vector, at this weight"
    )
    parser.add_argument("--write", action="store_true", help="fit on all cases and write the shipped weights")
    parser.add_argument("--ner-folds", type=Path, help="cross-fitted NER weights (bench/org_ner.py train --fold k)")
    parser.add_argument(
        "--every-set", action="store_true", help=f"also {', '.join(s for s in EVERY if s not in SPENT)}"
    )
    parser.add_argument(
        "--corpus-only", action="store_true", help="leave out the Participedia cases (their licence is not ours)"
    )
    parser.add_argument(
        "--also", nargs="+", default=[], metavar="SPLIT", help="also these gold sets (bench/org_ner.py's --also)"
    )
    args = parser.parse_args()
    cases = gold_cases((EVERY if args.every_set else SPENT) + tuple(args.also))
    if args.corpus_only:
        cases = [c for c in cases if not c["gold"]["id"].startswith("participedia-")]
    parse(cases, args.ner_folds)
    candidates(cases)
    if args.name_vectors:  # every name's vector once (the vector store keeps them between runs)
        name_vectors([c for case in cases for c in case["candidates"]], keep=True)
    n_fr = sum(c["gold"]["lang"] == "fr" for c in cases)
    n_gold = sum(len(c["gold"]["organisations"]) for c in cases)
    ruled = sum(c.ruled for case in cases for c in case["candidates"])
    print(
        f"{len(cases)} cases ({n_fr} fr, {len(cases) - n_fr} en), {n_gold} gold organisations, "
        f"{ruled} names kept by the rules, {sum(len(c['candidates']) for c in cases) - ruled} refused; "
        f"{args.folds} folds grouped by case, mean of {args.seeds} fold assignments"
    )
    every = [[{"name": c.name, "kind": c.kind} for c in case["candidates"]] for case in cases]
    report("every candidate, kept or refused (the recall a model could reach)", summary(cases, [every]))
    report("rules alone", summary(cases, [[organisations(c, None) for c in cases]]))
    report(
        "shipped check (org_filter.json as it is)",
        summary(cases, [[organisations(c, shipped_filter()) for c in cases]]),
    )
    params = {"C": args.C, "threshold": args.threshold, "name_vectors": args.name_vectors}
    seeds = range(args.seeds)
    old = {id(c): previous_features(c, case["gold"]["lang"]) for case in cases for c in case["candidates"] if c.ruled}
    runs = [cross_validate(cases, args.folds, s, lambda c: old[id(c)], **params) for s in seeds]
    report(f"previous check (session 4 features), refitted per fold, {params}", summary(cases, runs))
    runs = [cross_validate(cases, args.folds, s, **params) for s in seeds]
    report(f"learned model (shipped features), refitted per fold, {params}", summary(cases, runs))
    if args.rescue is not None:
        rescue = dict(params, rescue=args.rescue)
        runs = [cross_validate(cases, args.folds, s, **rescue) for s in seeds]
        report(f"learned model, refused names rescued too, {rescue}", summary(cases, runs))
    if args.write:
        model = fit(cases, **params)
        MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {MODEL_PATH} ({len(model.weights_)} weights)")


if __name__ == "__main__":
    main()
