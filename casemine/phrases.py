"""Phrase matchers for the term lists: countries and regions (as written) and actor kinds (any case), built
once per pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from casemine.actors import (
    actor_filters,
    actor_terms,
    common_noun_only,
    compound_modifier,
    geographic_use,
    household,
    local_people,
    negated,
    nominal,
    not_staff,
    other_council,
    public_qualified,
    qualified_government,
    recipients,
    repeated_only,
    web_users,
)
from casemine.names import normalise_name, strip_accents
from casemine.places import country_terms, region_terms

if TYPE_CHECKING:
    from spacy.language import Language as SpacyLanguage
    from spacy.tokens import Doc, Span


def term_keys(nlp: SpacyLanguage, terms: Iterable[str], attr: str) -> list[tuple[int, ...]]:
    """Each term as a PhraseMatcher pattern: its tokens' ``attr`` ("ORTH" or "LOWER") hashes, the tokens being
    those of ``nlp.make_doc(term)``.

    Making a Doc per term (thousands of them, tokenizer and new lexemes) was most of a pipeline's first
    use. A run of letters between single spaces is one token unless the tokenizer has a special case
    for it; only the other chunks ("l'État", "co-production", "N.H.S.") go through the tokenizer.
    """
    from spacy.strings import get_string_id  # spaCy's own symbols ("aux", "LOWER") have small ids, not hashes

    tokenizer, rules = nlp.tokenizer, nlp.tokenizer.rules
    lower = attr == "LOWER"
    chunks: dict[str, list[str]] = {}

    def tokens(chunk: str) -> list[str]:
        found = chunks.get(chunk)
        if found is None:
            simple = chunk.isalpha() and chunk not in rules
            found = chunks[chunk] = [chunk] if simple else [t.text for t in tokenizer(chunk)]
        return found

    keys = []
    for term in terms:
        words = term.split(" ") if term == " ".join(term.split()) else None
        texts = [t for w in words for t in tokens(w)] if words else [t.text for t in tokenizer(term)]
        keys.append(tuple(get_string_id(t.lower() if lower else t) for t in texts))
    return keys


_FOUND = "casemine_phrase_matches"


class _Matchers:
    """Phrase matchers for one vocabulary: place names as written (or in capitals), other terms
    case-insensitively unless they have a capital letter."""

    def __init__(self, nlp: SpacyLanguage):
        from spacy.matcher import PhraseMatcher

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        tables = {"COUNTRY": country_terms(), "REGION": region_terms()}
        for kind, terms in actor_terms().items():
            tables[f"ACTOR:{kind}"] = dict.fromkeys(terms, kind)
        self.values: dict[tuple[str, str], str] = {}
        exact: dict[str, list[str]] = {}  # match label -> its terms (one key per label: each key costs a lexeme)
        lower: dict[str, list[str]] = {}
        for label, terms in tables.items():
            for term, value in terms.items():
                self.values[(label, term.casefold())] = value
                if label in ("COUNTRY", "REGION"):
                    # names are capitalised: "Réunion" is a place, "réunion publique" a meeting
                    exact.setdefault(label, []).extend([term, term.upper()])
                elif any(c.isupper() for c in term):
                    # "la Ville" is also "La Ville" at the start of a sentence
                    exact.setdefault(label, []).extend([term, term[:1].upper() + term[1:]])
                else:
                    lower.setdefault(label, []).append(term)
        self.noun_only, not_actors, self.not_qualified = actor_filters()
        self.common_only = common_noun_only()
        self.repeated_only = repeated_only()
        lower["NOT_ACTOR"] = sorted(not_actors)
        for label, patterns in exact.items():
            self.exact.add(label, term_keys(nlp, patterns, "ORTH"))
        for label, patterns in lower.items():
            self.lower.add(label, term_keys(nlp, patterns, "LOWER"))

    def _memo(self, doc: Doc) -> dict[str, list]:
        """What these matchers found in ``doc``, kept with it (as ``names.positions`` keeps its token array)."""
        return doc.user_data.setdefault(_FOUND, {}).setdefault(id(self), {})

    def _spans(self, doc: Doc) -> list[Span]:
        """Every match in ``doc``, found once per document (the entities and the actor evidence both read them)."""
        memo = self._memo(doc)
        if "spans" not in memo:
            memo["spans"] = []
            for matcher in (self.exact, self.lower):
                for match_id, start, end in matcher(doc):
                    span = doc[start:end]
                    span.label_ = doc.vocab.strings[match_id]
                    memo["spans"].append(span)
        return memo["spans"]

    def _value(self, span: Span) -> str | None:
        value = self.values.get((span.label_, span.text.casefold()))
        if value is None:
            value = self.values.get((span.label_, strip_accents(span.text).casefold()))
        return value

    def refusal(
        self, span: Span, blocked: list[Span], national: Sequence[Span] = (), regional: Sequence[Span] = ()
    ) -> str:
        """Why an actor term's match names no actor ("" when it counts): the filters of ``actors``. ``national``: the
        matches of national terms, inside which a regional word names the State's regional service ("préfet de
        région", "direction départementale", national under the gold conventions), no regional body; ``regional``:
        the matches of regional terms, inside which a national word names no national body ("federal state")."""
        if any(b.start < span.end and span.start < b.end for b in blocked):
            return "blocked"
        doc = span.doc
        beside = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
        kind = str(self.values.get((span.label_, span.text.casefold()), ""))
        if kind == "public_regional" and _inside(span, national):
            return "state_service"  # "préfet de région": the State's, not the region's
        if kind == "public_national" and _inside(span, regional) and not qualified_government(span):
            return "state_service"  # "the federal state of Bavaria": a region, not the federation
        level = kind.startswith("public_")
        if level and len(span) == 1 and any(normalise_name(t.lemma_) in self.not_qualified for t in beside):
            return "event"  # "rencontres régionales", "municipal elections": events, not bodies
        if level and geographic_use(span):
            return "area"  # "dans toutes les régions": an area, not a regional body
        if level and other_council(span):
            return "sense"  # "advisory council", "staff councils": no local government
        if negated(span):
            return "negated"  # "sans gouvernement"
        if not_staff(span, kind):
            return "not_staff"  # "animateurs bénévoles"
        if web_users(span):
            return "web"  # "users of the website"
        if compound_modifier(span):
            return "compound"  # "user-friendly"
        if public_qualified(span):
            return "sense"  # "governmental organizations", "organisations régionales"
        if not local_people(span):
            return "sense"  # "the community groups"
        return "" if nominal(span, self.noun_only, self.common_only) else "not_noun"  # "centres publics"

    def actor_evidence(self, doc: Doc) -> list[tuple[str, Span, str]]:
        """Every match of an actor term: its kind, its span and why it names no actor ("" when it counts; "once"
        for a term that counts only when repeated), as evidence for a learned decision (``actor_decision``); the
        actors the rules report are those with no reason (``__call__``)."""
        memo = self._memo(doc)
        if "evidence" not in memo:
            memo["evidence"] = self._evidence(doc)
        return memo["evidence"]

    def _evidence(self, doc: Doc) -> list[tuple[str, Span, str]]:
        spans = self._spans(doc)
        context = _refusal_context(spans)
        out = []
        for span in spans:
            if span.label_.startswith("ACTOR") and (value := self._value(span)) is not None:
                out.append((value, span, self.refusal(span, *context)))
        weak = [i for i, (_, s, why) in enumerate(out) if not why and s.text.casefold() in self.repeated_only]
        if len(weak) == 1:
            kind, span, _ = out[weak[0]]
            out[weak[0]] = (kind, span, "once")  # "habitants, agriculteurs, chasseurs": bystanders
        served = _households_served((kind, span) for kind, span, why in out if not why)
        return [(_as_recipient(kind, span, served), span, why) for kind, span, why in out]

    def __call__(self, doc: Doc) -> list[tuple[str, str, Span]]:
        """The countries, regions and actors the rules find: (label, value, span)."""
        from spacy.util import filter_spans

        # countries and regions compete for the longest name; actors may overlap places and each other
        geo = filter_spans([s for s in self._spans(doc) if s.label_ in ("COUNTRY", "REGION")])
        places = [(s.label_, value, s) for s in geo if (value := self._value(s)) is not None]
        return places + [(span.label_, kind, span) for kind, span, why in self.actor_evidence(doc) if not why]


def _refusal_context(spans: list[Span]) -> tuple[list[Span], list[Span], list[Span]]:
    """The matches ``_Matchers.refusal`` weighs an actor match against: the blocked phrases, the national and the
    regional terms."""
    return (
        [s for s in spans if s.label_ == "NOT_ACTOR"],
        [s for s in spans if s.label_ == "ACTOR:public_national"],
        [s for s in spans if s.label_ == "ACTOR:public_regional"],
    )


def _inside(span: Span, others: Sequence[Span]) -> bool:
    """Whether ``span`` lies inside a longer one of ``others``."""
    return any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in others)


def _households_served(counted: Iterable[tuple[str, Span]]) -> bool:
    """Whether one counted household word is qualified as a service's recipients ("ménages à faibles revenus",
    "enrolled households"): the text is then about households served, not the local people."""
    return any(kind == "citizens" and recipients(span) for kind, span in counted)


def _as_recipient(kind: str, span: Span, served: bool) -> str:
    """A household word's kind: service users when the text's households are served (``_households_served``)."""
    return "service_users" if served and kind == "citizens" and household(span) else kind


@cache
def matchers(nlp: SpacyLanguage) -> _Matchers:
    """The phrase matchers for a pipeline, built once."""
    return _Matchers(nlp)
