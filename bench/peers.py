"""casemine beside two peers, on the same folds and on the real outside texts.

    python bench/peers.py [--folds 5] [--epochs 12] [--only casemine tfidf spacy] [--skip-cv | --skip-outside]

Peers: (1) TF-IDF word 1–2-grams + logistic regression on the raw text, no spaCy; (2) spaCy's own
text classifier (``textcat`` for single-label families, ``textcat_multilabel`` for the others),
trained with ``spacy train`` on each fold. All three predict ``type`` only for cases they call
co-production. Prints macro-F1 per family, cross-validated on the corpus and, after training on the
whole corpus, on the labelled Participedia texts (each file of ``corpus/external`` on its own, needs
``shared/data``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from casemine.classify import CaseClassifier  # noqa: E402
from casemine.corpus import read_cases  # noqa: E402
from casemine.evaluation import score_labels  # noqa: E402
from casemine.model import analyse_cases  # noqa: E402
from casemine.rationales import corpus_targets  # noqa: E402
from casemine.scheme import SCHEME  # noqa: E402
from casemine.validation import make_folds  # noqa: E402


def _rows(family, labels):
    return [
        i
        for i, lab in enumerate(labels)
        if (family.only_when_scope is None or lab.get("scope") == family.only_when_scope)
        and (family.multi or lab.get(family.id) is not None)
    ]


def _finish(per_family: dict[str, list], n: int) -> list[dict]:
    """Assemble per-family predictions into label sets, type only for predicted co-production."""
    out = []
    for i in range(n):
        labels = {f.id: per_family[f.id][i] for f in SCHEME.families}
        if labels["scope"] != "coproduction":
            labels["type"] = []
        out.append(labels)
    return out


class TfidfPeer:
    """Peer 1: TF-IDF + logistic regression on raw text."""

    name = "TF-IDF + LR, raw text"

    def fit(self, texts, labels):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        self.vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = self.vec.fit_transform(texts)
        self.models = {}
        for family in SCHEME.families:
            rows = _rows(family, labels)
            if family.multi:
                Y = np.array([[int(x in labels[i][family.id]) for x in family.ids] for i in rows])
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    model = OneVsRestClassifier(LogisticRegression(class_weight="balanced", max_iter=3000))
                    self.models[family.id] = model.fit(X[rows], Y)
            else:
                model = LogisticRegression(class_weight="balanced", max_iter=3000)
                self.models[family.id] = model.fit(X[rows], [labels[i][family.id] for i in rows])
        return self

    def scores(self, texts, family_id: str) -> np.ndarray:
        """Each label's probability for a multi-label family, one column per label in the scheme's order."""
        return self.models[family_id].predict_proba(self.vec.transform(texts))

    def predict(self, texts):
        X = self.vec.transform(texts)
        per_family = {}
        for family in SCHEME.families:
            model = self.models[family.id]
            if family.multi:
                Y = model.predict(X)
                per_family[family.id] = [[x for x, v in zip(family.ids, row, strict=True) if v] for row in Y]
            else:
                per_family[family.id] = list(model.predict(X))
        return _finish(per_family, len(texts))


class SpacyPeer:
    """Peer 2: spaCy textcat / textcat_multilabel trained with ``spacy train``."""

    name = "spaCy textcat (spacy train)"

    def __init__(self, epochs: int):
        self.epochs = epochs

    def fit(self, texts, labels):
        import spacy
        from spacy.tokens import DocBin

        self.dir = Path(tempfile.mkdtemp(prefix="casemine-spacy-peer-"))
        self.models = {}
        nlp = spacy.blank("xx")
        for family in SCHEME.families:
            rows = _rows(family, labels)
            cut = max(1, len(rows) // 8)  # an eighth of the training cases as spaCy's dev set
            sets = {"dev": rows[:cut], "train": rows[cut:]}
            for part, idx in sets.items():
                bin_ = DocBin()
                for i in idx:
                    doc = nlp.make_doc(texts[i])
                    gold = labels[i][family.id]
                    doc.cats = {x: float(x in gold) if family.multi else float(x == gold) for x in family.ids}
                    bin_.add(doc)
                bin_.to_disk(self.dir / f"{family.id}-{part}.spacy")
            component = "textcat_multilabel" if family.multi else "textcat"
            config = self.dir / f"{family.id}.cfg"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "spacy",
                    "init",
                    "config",
                    str(config),
                    "--lang",
                    "xx",
                    "--pipeline",
                    component,
                    "--optimize",
                    "efficiency",
                    "--force",
                ],
                check=True,
                capture_output=True,
            )
            out = self.dir / family.id
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "spacy",
                    "train",
                    str(config),
                    "--output",
                    str(out),
                    "--paths.train",
                    str(self.dir / f"{family.id}-train.spacy"),
                    "--paths.dev",
                    str(self.dir / f"{family.id}-dev.spacy"),
                    "--training.max_epochs",
                    str(self.epochs),
                    "--training.patience",
                    "0",
                ],
                check=True,
                capture_output=True,
            )
            self.models[family.id] = spacy.load(out / "model-last")
        return self

    def predict(self, texts):
        per_family = {}
        for family in SCHEME.families:
            cats = [doc.cats for doc in self.models[family.id].pipe(texts, batch_size=64)]
            if family.multi:
                per_family[family.id] = [[x for x in family.ids if c.get(x, 0) >= 0.5] for c in cats]
            else:
                per_family[family.id] = [max(c, key=c.get) for c in cats]
        return _finish(per_family, len(texts))


class CasemineSystem:
    name = "casemine"

    def __init__(self, cases, analyses):
        self.by_text = {c.text: a for c, a in zip(cases, analyses, strict=True)}
        self.rationales = {c.text: r for c, r in zip(cases, corpus_targets(cases, analyses), strict=True)}

    def fit(self, texts, labels):
        self.clf = CaseClassifier().fit([self.by_text[t] for t in texts], labels, [self.rationales[t] for t in texts])
        return self

    def predict(self, texts):
        return self.clf.predict([self.by_text[t] for t in texts])


def macro(report):
    return {f.id: report[f.id].get("macro_f1", float("nan")) for f in SCHEME.families}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--only", nargs="*", choices=["casemine", "tfidf", "spacy"], help="run only these systems")
    parser.add_argument(
        "--skip-cv", action="store_true", help="only train on the whole corpus and score the outside texts"
    )
    parser.add_argument("--skip-outside", action="store_true", help="only cross-validate on the corpus")
    args = parser.parse_args()
    cases = read_cases(ROOT / "corpus" / "cases")
    sets: dict[str, list] = {}  # each labelled outside file on its own (dev, test)
    for path in [] if args.skip_outside else sorted((ROOT / "corpus" / "external").glob("*.jsonl")):
        try:
            sets[path.name.split(".")[0]] = read_cases(path)
        except Exception as exc:  # no outside data here
            print(f"(outside texts of {path.name} skipped: {exc})", file=sys.stderr)
    outside = [case for group in sets.values() for case in group]
    analyses = analyse_cases(cases + outside) if not args.only or "casemine" in args.only else []
    systems = {
        "casemine": lambda: CasemineSystem(cases + outside, analyses),
        "tfidf": TfidfPeer,
        "spacy": lambda: SpacyPeer(args.epochs),
    }
    systems = [make() for key, make in systems.items() if not args.only or key in args.only]
    texts, labels = [c.text for c in cases], [c.labels for c in cases]
    folds = make_folds(cases, args.folds)
    results = {}
    for system in systems:
        cv = {}
        if not args.skip_cv:
            predictions: list = [None] * len(cases)
            for train, test in folds:
                system.fit([texts[i] for i in train], [labels[i] for i in train])
                for i, p in zip(test, system.predict([texts[i] for i in test]), strict=True):
                    predictions[i] = p
            cv = macro(score_labels(labels, predictions))
        ext = {}
        if outside:
            system.fit(texts, labels)
            for key, group in sets.items():
                ext[key] = macro(score_labels([c.labels for c in group], system.predict([c.text for c in group])))
        results[system.name] = (cv, ext)
        print(f"done: {system.name}", file=sys.stderr)
    tables = [("cross-validated on the corpus", lambda pair: pair[0])]
    tables += [
        (f"real outside texts ({key}, {len(group)})", lambda pair, key=key: pair[1].get(key))
        for key, group in sets.items()
    ]
    for title, pick in tables:
        if not any(pick(pair) for pair in results.values()):
            continue  # e.g. no cross-validation (--skip-cv)
        print(f"\nmacro-F1, {title}")
        print(f"{'system':<30}" + "".join(f"{f.id:>10}" for f in SCHEME.families))
        for name, pair in results.items():
            row = pick(pair)
            if row:
                print(f"{name:<30}" + "".join(f"{row[f.id]:>10.3f}" for f in SCHEME.families))


if __name__ == "__main__":
    main()
