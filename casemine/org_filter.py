"""The learned choice of organisations: a logistic regression over general features of every name that may
be a body, trained on the hand-annotated gold cases by ``bench/org_model.py`` and shipped as plain JSON
weights in ``data/entities/org_filter.json`` (applied without scikit-learn).

The candidates are every entity span the rules see (spaCy's statistical entities of any label, and the
spans the rules add, grow or cut), kept or refused by the rules: the rules' verdict and reason are
features among others (the span's words and shape, its head word's class in the term lists, its
statistical label, the words around it, how often the text repeats it, its language, whether it is also
a place). The rules alone cannot tell a one-off capitalised phrase that names no body ("Hill") from a
rarely named one ("Sanergy"), nor which of their refusals are wrong; the weights do that from the gold
cases, and the bench reports their effect by cross-validation over cases.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casemine.acronyms import abbreviates, is_acronym
from casemine.names import count_whole, doc_text, entity_data, entity_spans, normalise_name
from casemine.organisations import apposition_kind, guaranteed_names, organisation_kind, rule_kind_of, same_body

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Span

    from casemine.org_kinds import KindModel

MODEL_PATH = Path(__file__).parent / "data" / "entities" / "org_filter.json"

_DETERMINERS = {"the", "le", "la", "les", "l'", "l’", "a", "an", "un", "une", "des"}
_PREPOSITIONS = {
    "of", "by", "with", "from", "for", "to", "at", "and", "de", "du", "par", "avec", "à", "au", "aux", "pour", "et",
    "d'", "d’", "between", "entre",
}  # fmt: skip


# the rules that find these names (``CandidatePool``'s origins) are narrow enough that the check keeps what they find:
# a French school named after a person or a place ("l'école Bizanet"), which the weights never saw
KEPT_ORIGINS = frozenset({"school"})
_NOT_NAMES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}  # statistical labels of no name
_LINKING = {"of", "for", "de", "du", "des", "and", "et", "on", "pour"}
_MINOR = {
    "of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "les", "et", "pour", "d", "l", "à", "en",
}  # fmt: skip


def shape(name: str) -> str:
    """The name's word shapes, runs collapsed: "Conseil départemental du Nord" -> "C l m C", "UNAF" -> "A"."""
    out: list[str] = []
    for word in name.split():
        w = word.strip(".,;:()'\"’")
        s = (
            "m" if w.lower() in _MINOR else "d" if any(ch.isdigit() for ch in w) else "A" if len(w) > 1 and w.isupper()
            else "C" if w[:1].isupper() else "l"
        )  # fmt: skip
        if not out or out[-1] != s:
            out.append(s)
    return " ".join(out[:5])


@dataclass
class Candidate:
    """A name that may be a body: its first mention (the first the rules keep, if any), the rules' verdicts
    over its mentions ("" for kept) and its features."""

    name: str
    key: str
    start: int
    ent: Span | None = field(repr=False)
    kind: str = ""
    reasons: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    mentions: int = 0
    features: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list, repr=False)
    vector: np.ndarray | None = field(default=None, repr=False)  # the name's sentence vector, when a check reads it

    @property
    def ruled(self) -> bool:
        """Whether the rules keep the name (at one mention at least)."""
        return "" in self.reasons


class CandidatePool:
    """The candidates of one text, gathered mention by mention by ``extract_entities`` (none inside ``money``, the
    character spans of the text's amounts)."""

    def __init__(
        self,
        doc: Doc,
        lang: str,
        place_keys: set[str],
        geo_keys: set[str],
        origins: dict[int, str],
        money: Sequence[tuple[int, int]] = (),
    ):
        self.doc, self.lang = doc, lang
        self.place_keys, self.geo_keys, self.origins, self.money = place_keys, geo_keys, origins, money
        self.by_key: dict[str, Candidate] = {}
        self.covered: list[tuple[int, int]] = []

    def add(self, ent: Span, name: str, key: str, reason: str, kind: str = "") -> None:
        """A mention of ``name`` (``key``): kept by the rules with ``kind`` when ``reason`` is "", else why not."""
        if (
            ent.label_ in _NOT_NAMES
            or (reason and not any(ch.isupper() for ch in name))
            or any(a <= ent.start_char and ent.end_char <= b for a, b in self.money)
        ):
            return  # dates and numbers; refused lower-case phrases; a currency code inside an amount ("SEK 125,000")
        candidate = self.by_key.get(key)
        if candidate is None:
            candidate = self.by_key[key] = Candidate(name, key, ent.start, ent)
        elif reason == "" and not candidate.ruled:
            candidate.name, candidate.ent = name, ent  # the kept mention names it
        if reason == "" and (not candidate.kind or (candidate.kind == "other" and kind == "civil_society")):
            candidate.kind = kind  # "(GENEPI)" in a title, then "l'association GENEPI": the mention with a kind wins
        candidate.spans.append(ent)
        self.covered.append((ent.start, ent.end))
        candidate.reasons.add(reason)
        candidate.labels.add(self.origins.get(ent.start) or ent.label_)
        candidate.mentions += 1

    def add_loose(self) -> None:
        """Acronyms and runs of capitalised words outside every entity span ("MINEDUC", "Community Impact Bucks"),
        which the statistical model did not tag, as refused candidates ("loose"): only when refused names are
        wanted (the bench, or a model with ``rescue``); a name already a candidate is left as it is."""
        from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, IS_UPPER

        doc = self.doc
        if not len(doc):
            return
        flags = doc.to_array([IS_UPPER, IS_TITLE, IS_ALPHA, ENT_IOB])
        free = flags[:, 3] == 2  # outside every statistical entity
        for a, b in self.covered:
            free[a:b] = False
        capital = free & ((flags[:, 0] == 1) | (flags[:, 1] == 1))
        i, n = 0, len(doc)
        while i < n:
            if not capital[i]:
                i += 1
                continue
            j = i + 1
            while j < n and (capital[j] or (doc[j].lower_ in _LINKING and j + 1 < n and capital[j + 1])):
                j += 1 if capital[j] else 2
            span = doc[i:j]
            if j - i > 1 or (flags[i, 0] and flags[i, 2] and len(doc[i]) > 1):
                name = span.text
                key = normalise_name(name)
                if (
                    key and "\n" not in name and key not in self.by_key
                ):  # leaves the other candidates' features as they are
                    self.add(span, name, key, "loose")
            i = j

    def candidates(self, refused: bool = True) -> list[Candidate]:
        """The candidates in order of first mention, with their kind and features; with ``refused`` false, only
        those the rules keep (the shipped model keeps no other: see ``OrganisationFilter.rescue``)."""
        if refused:
            self.add_loose()
        out = sorted((c for c in self.by_key.values() if refused or c.ruled), key=lambda c: c.start)
        self.ner_labels: dict[str, set[str]] = {}
        for e in entity_spans(self.doc):
            self.ner_labels.setdefault(normalise_name(e.text), set()).add(e.label_)
        self.place_words = {w for k in self.place_keys for w in k.split() if len(w) > 3}
        for c in out:
            if not c.kind:
                c.kind = rule_kind_of(c.ent) or organisation_kind(c.name)
                if c.kind == "other":
                    c.kind = apposition_kind(c.ent)
            if c.kind == "other":
                c.kind = mention_kind(c.spans)
            c.features = candidate_features(c, self)
        return out


@cache
def _lexicon() -> dict[str, frozenset[str]]:
    """Word classes of the term lists, for the first and last words of a name."""
    raw = entity_data("organisations.json")
    classes = {
        name: frozenset(normalise_name(w) for w in raw[name])
        for name in ("name_heads", "programme_heads", "programme_tails", "category_heads", "role_tails", "place_heads")
    }
    for kind in ("public", "civil_society", "other"):
        classes[f"cue_{kind}"] = frozenset(w for w in (normalise_name(x) for x in raw["cues"][kind]) if " " not in w)
    return classes


def _classes(word: str) -> list[str]:
    return [name for name, words in _lexicon().items() if word in words]


def mention_kind(spans: list[Span]) -> str:
    """civil_society when the words next to any mention of a name call it so, for a name none of whose kept
    mentions has a kind ("CECI" first named alone, then "2 ONG internationales : CECI"), else "other"; a public
    cue next to a later mention is not taken ("Landcare" near "the department" is no public body)."""
    return "civil_society" if any(apposition_kind(span) == "civil_society" for span in spans) else "other"


def candidate_features(c: Candidate, pool: CandidatePool) -> list[str]:
    """The features of one candidate, as strings (each present feature has the value 1)."""
    ent, doc = c.ent, pool.doc
    words = c.key.split()
    mentions = count_whole(doc_text(doc), c.name, limit=3)
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    features = [
        f"lang={pool.lang}",
        f"kind={c.kind}",
        f"words={min(len(words), 5)}",
        f"mentions={min(mentions, 3)}",
        f"first={words[0] if words else ''}",
        f"last={words[-1] if words else ''}",
        "before=det" if before in _DETERMINERS else "before=prep" if before in _PREPOSITIONS else "before=other",
        "ruled" if c.ruled else "refused",
    ]
    features += [f"why={r}" for r in sorted(c.reasons) if r]
    features += [f"why={r}&{pool.lang}" for r in sorted(c.reasons) if r]
    features.append(f"shape={shape(c.name)}")
    features += [f"shape={shape(c.name)}&src={label}" for label in sorted(c.labels)]
    features += [f"kind={c.kind}&src={label}" for label in sorted(c.labels)]
    features += [f"src={label}" for label in sorted(c.labels)]
    features += [f"src={label}&{pool.lang}" for label in sorted(c.labels)]
    if words:
        features += [f"first_is={k}" for k in _classes(words[0])] + [f"last_is={k}" for k in _classes(words[-1])]
    window = list(doc[max(0, ent.start - 3) : ent.start]) + list(doc[ent.end : ent.end + 3])
    features += sorted({f"near={t.lemma_.lower()}" for t in window if t.is_alpha and t.is_lower and len(t) > 2})
    if is_acronym(c.name):
        features.append("acronym")
    if any(ch.isdigit() for ch in c.name):
        features.append("digit")
    if ent.start == 0 or doc[ent.start].is_sent_start or "\n" in doc[ent.start - 1].whitespace_:
        features.append("line_start")
    if all(w[:1].isupper() for w in c.name.split() if w.isalpha() and len(w) > 3):
        features.append("all_title")
    if len(words) == 1 and c.kind == "other":
        features.append("single_other")
    if c.key in pool.place_keys:
        features.append("also_place")
    if any(g in f" {c.key} " for g in (f" {k} " for k in pool.geo_keys)):
        features.append("has_geo")
    if c.mentions > 1:
        features.append("several_spans")
    features += [f"ner={label}" for label in sorted(pool.ner_labels.get(c.key, ()))]
    if len(words) > 1 and any(w in pool.place_words for w in words):
        features.append("has_place_word")
    head_classes = _classes(words[-1]) if words else []
    features += [f"words={min(len(words), 3)}&last_is={k}" for k in head_classes]
    features += [f"words={min(len(words), 3)}&kind={c.kind}", f"words={min(len(words), 3)}&{pool.lang}"]
    after = doc[ent.end] if ent.end < len(doc) else None
    if before.isalpha():
        features.append(f"prev={before}")
    if after is not None and after.is_alpha and after.is_lower:
        features.append(f"next={after.lower_}")
    if after is not None and after.text == "(":
        features.append("next=(")
    if before == "(":
        features.append("prev=(")
    return features


def one_hot(features: list[list[str]], groups: list[str], min_count: int) -> tuple[list[str], np.ndarray]:
    """The sorted features seen in at least ``min_count`` of the ``groups`` (cases), so that no one text's words
    become weights, and the 0/1 matrix of ``features`` over them."""
    from collections import defaultdict

    import numpy as np

    cases = defaultdict(set)
    for fs, group in zip(features, groups, strict=True):
        for f in fs:
            cases[f].add(group)
    vocabulary = sorted(f for f, seen in cases.items() if len(seen) >= min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    x = np.zeros((len(features), len(index)))
    for row, fs in enumerate(features):
        for f in fs:
            if f in index:
                x[row, index[f]] = 1.0
    return vocabulary, x


class OrganisationFilter:
    """Logistic regression over candidate features (estimator conventions: parameters in ``__init__``,
    fitted state ending in ``_``). A name the rules keep is kept when its probability is at least
    ``threshold``; a name they refuse, when it is at least ``rescue`` (None: never, the shipped setting, since
    rescuing refused names did not raise the cross-validated F1; see docs/benchmarks.md, round 5). In a text of
    ``long_chars`` characters or more the bar is ``long_threshold`` (None: ``threshold``): the check is fitted on
    short cases, and long documents (headings, references, Title Case field names) bring more names that merely
    look like bodies (twenty-second session: +0.02 on unseen real texts, nothing lost on the corpus's long cases).

    With ``name_vectors`` above 0, the name's own sentence vector (``casemine.vectors``), scaled by it, is read
    beside the features: the encoder knows "Participatory Budgeting Project" for a body and "Participatory
    Budgeting" for a practice from how such words are used, where one-off Title Case names give the features
    little to go on."""

    def __init__(
        self,
        C: float = 1.0,
        threshold: float = 0.3,
        min_count: int = 3,
        rescue: float | None = None,
        name_vectors: float = 0.0,
        long_threshold: float | None = 0.45,
        long_chars: int = 6000,
    ):
        self.C = C
        self.threshold = threshold
        self.min_count = min_count
        self.rescue = rescue
        self.name_vectors = name_vectors
        self.long_threshold = long_threshold
        self.long_chars = long_chars

    def fit(
        self, features: list[list[str]], labels: list[int], groups: list[str], vectors: np.ndarray | None = None
    ) -> OrganisationFilter:
        """Fit on feature lists and 0/1 labels (1: the name is a gold organisation), each from the case named in
        ``groups``; features found in fewer than ``min_count`` cases are dropped, so that no one text's names
        become weights. ``vectors``: each name's sentence vector, needed when ``name_vectors`` is above 0."""
        import numpy as np
        from sklearn.linear_model import LogisticRegression

        self.vocabulary_, x = one_hot(features, groups, self.min_count)
        if self.name_vectors:
            if vectors is None or len(vectors) != len(features):
                raise ValueError("name_vectors needs one sentence vector per name")
            x = np.hstack([x, self.name_vectors * np.asarray(vectors, dtype=float)])
        model = LogisticRegression(C=self.C, max_iter=2000)
        model.fit(x, labels)
        coef, n = model.coef_[0], len(self.vocabulary_)
        self.weights_ = {f: float(w) for f, w in zip(self.vocabulary_, coef[:n], strict=True) if abs(w) > 1e-6}
        self.vector_weights_ = self.name_vectors * coef[n:] if self.name_vectors else None
        self.bias_ = float(model.intercept_[0])
        self.threshold_ = self.threshold
        return self

    @property
    def reads_vectors(self) -> bool:
        return getattr(self, "vector_weights_", None) is not None

    def probability(self, features: list[str], vector: np.ndarray | None = None) -> float:
        z = self.bias_ + sum(self.weights_.get(f, 0.0) for f in features)
        if self.reads_vectors:
            if vector is None:
                raise ValueError("this check reads each name's sentence vector: pass it")
            z += float(vector @ self.vector_weights_)
        return 1.0 / (1.0 + math.exp(-z))

    def bar(self, chars: int = 0) -> float:
        """The probability a name the rules keep needs, in a text of ``chars`` characters."""
        long = self.long_threshold is not None and chars >= self.long_chars
        return self.long_threshold if long else self.threshold_

    def keep(self, features: list[str], ruled: bool = True, vector: np.ndarray | None = None, chars: int = 0) -> bool:
        if not ruled and self.rescue is None:
            return False
        return self.probability(features, vector) >= (self.bar(chars) if ruled else self.rescue)

    def to_json(self) -> dict[str, Any]:
        from casemine.vectors import encoder_version

        params = {"C": self.C, "threshold": self.threshold, "min_count": self.min_count, "rescue": self.rescue}
        long = {"long_threshold": self.long_threshold, "long_chars": self.long_chars}
        data = {
            "_doc": "Weights of casemine.org_filter.OrganisationFilter, written by bench/org_model.py --write.",
            "params": {**params, "name_vectors": self.name_vectors, **long},
            "bias": self.bias_,
            "threshold": self.threshold_,
            "weights": dict(sorted(self.weights_.items())),
        }
        if self.reads_vectors:
            data["encoder"] = encoder_version()
            data["vector_weights"] = [float(w) for w in self.vector_weights_]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OrganisationFilter:
        import numpy as np

        model = cls(**data["params"])
        model.weights_ = data["weights"]
        model.bias_ = data["bias"]
        model.threshold_ = data["threshold"]
        model.vocabulary_ = sorted(model.weights_)
        vector = data.get("vector_weights")
        model.vector_weights_ = None if vector is None else np.asarray(vector, dtype=np.float32)
        return model


def name_vectors(candidates: list[Candidate], keep: bool = False) -> None:
    """Give every candidate without one its name's sentence vector, encoded in one batch (``keep``: use the
    vector store, as the bench does; tagging keeps nothing on disk)."""
    from casemine.vectors import sentence_vectors

    todo = [c for c in candidates if c.vector is None]
    if todo:
        for c, vector in zip(todo, sentence_vectors([c.name for c in todo], keep), strict=True):
            c.vector = vector


def choose(candidates: list[Candidate], model: OrganisationFilter | None, chars: int = 0) -> list[Candidate]:
    """The organisations among ``candidates`` of a text of ``chars`` characters: those ``model`` keeps (None: those
    the rules keep), in text order, the rules' one-word public bodies (``listed_names``) kept whenever the rules keep
    them, each body once (a name inside an earlier one's, "Conseil départemental" after "Conseil départemental du
    Nord", is the same body), and an acronym dropped where the text also gives the name it abbreviates."""
    chosen: list[Candidate] = []
    if model is not None and model.reads_vectors:
        name_vectors([c for c in candidates if c.ruled or model.rescue is not None])
    listed = guaranteed_names()  # the rules' one-word public bodies and the known bodies, kept whatever the weights say
    for c in candidates:
        if (
            c.ruled
            if model is None
            else (c.ruled and (c.key in listed or not c.labels.isdisjoint(KEPT_ORIGINS)))
            or model.keep(c.features, c.ruled, c.vector, chars)
        ) and not any(same_body(c.key, o.key) for o in chosen):
            chosen.append(c)
    names = [c.name for c in chosen if not is_acronym(c.name)]
    return [c for c in chosen if not (is_acronym(c.name) and any(abbreviates(c.name, n) for n in names))]


def select(
    candidates: list[Candidate], model: OrganisationFilter | None, kinds: KindModel | None = None, chars: int = 0
) -> list[dict[str, str]]:
    """The organisations ``choose`` finds, as names and kinds: the rules' kind, or ``kinds``'s reading of a name the
    rules left as ``other``."""
    chosen = choose(candidates, model, chars)
    return [{"name": c.name, "kind": c.kind if kinds is None else kinds.kind(c)} for c in chosen]


@cache
def shipped_filter() -> OrganisationFilter | None:
    """The model trained on all gold cases, or None when no weights are shipped."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text("utf-8"))
    if "vector_weights" in data:
        from casemine.vectors import EncoderMissing, version_problem

        if problem := version_problem(data["encoder"]):
            raise EncoderMissing(f"the organisation check reads sentence vectors, but {problem}")
    return OrganisationFilter.from_json(data)
