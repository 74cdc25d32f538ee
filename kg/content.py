"""The content finder: what each cue says was said, how it is quoted, and the clause that
attributes it.

For a verb, the content is its clausal complement or object ("said that ...", "rejected the
plan"), without the addressee ("told reporters that ...", "urged senators to ..."), framing
clauses ("While X hailed ...") or a participle of reasons; for a passive with an agent, its
subject; for "'...', he said", the quoted words before the cue. For an owned noun, the copula's
complement ("X's message was that ...") or its own clause; for "according to X", the clause it
attaches to. A sentence ending in a colon after a verb of saying ("Putin responded:") opens a
quoted block that runs over the following paragraphs while they stay in the speaker's voice: one
content per sentence, sentences that only continue the previous one ("This was always the case")
joined to it.

Writes `doc.spans["contents"]`: each span's `_.cue_span`, `_.quote_type` and `_.evidence`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import resources
from .actors import SUBJECTS
from .annotations import CONTENTS, CUES, CueKind, QuoteType, content_span
from .lexicon import Lexicon

BLOCK_MAX_PARAGRAPHS = 6
VERB_PARTS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "advcl", "dative", "acomp")
CLAUSES = ("ccomp", "xcomp")
STRAIGHT_QUOTES, OPENING_QUOTES, CLOSING_QUOTES = "\"'", "“‘", "”’"
QUOTE_OPENERS, QUOTE_CLOSERS = OPENING_QUOTES + STRAIGHT_QUOTES, CLOSING_QUOTES + STRAIGHT_QUOTES


class ContentFinder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.addressee_preps = lexicon.words("addressee_preps")
        self.frame_marks = lexicon.words("frame_marks")
        self.first_person = lexicon.words("first_person")
        self.third_person = lexicon.words("third_person")
        self.anaphoric_openers = lexicon.words("anaphoric_openers")
        self.carrier_nouns = lexicon.words("carrier_nouns")

    def __call__(self, doc: Doc) -> Doc:
        contents = []
        for cue in doc.spans.get(CUES, []):
            if not cue._.speakers:
                continue
            contents.extend(self.block(cue))
            content = self.content(cue)
            if content is not None:
                span = content_span(cue, content.start, content.end, cue._.cue.kind)
                span._.cue_span = cue
                span._.quote_type = self.quote_type(cue, span)
                span._.evidence = self.evidence(cue, span)
                contents.append(span)
        doc.spans[CONTENTS] = contents
        return doc

    # ------------------------------------------------------------------ content of one cue

    def content(self, cue: SpacySpan) -> SpacySpan | None:
        """The tokens that say what was said or held; None when the cue has no content."""
        tok, doc, kind = cue.root, cue.doc, cue._.cue.kind
        if kind == CueKind.NOUN:
            return self._noun_content(tok)
        if kind == CueKind.ACCORDING:
            own = {t.i for t in tok.subtree}
            tokens = [t.i for t in tok.head.subtree if t.i not in own and not t.is_punct and not t.is_space]
            return doc[tokens[0]:tokens[-1] + 1] if tokens else None
        parts = self._adjective_parts(tok) if kind == CueKind.ADJECTIVE else self._verb_parts(tok, cue._.cue)
        tokens = sorted({t.i for p in parts for t in p.subtree})
        if not tokens:
            content = self._quoted_clause(tok)
        elif len(tokens) < 2 and self.lexicon.verbs.get(self.lexicon.verb_lemma(tok), {}).get("needs_content"):
            return None
        else:
            content = doc[tokens[0]:tokens[-1] + 1]
        return self._with_quote_opening(content) if content is not None and cue._.cue.speech else content

    @staticmethod
    def _with_quote_opening(content: SpacySpan) -> SpacySpan:
        """"“A. B,” she added": a quotation opened in an earlier sentence of the paragraph runs on
        into this one, so the content starts where the quotation opens."""
        doc, sent = content.doc, content.sent
        lead = doc[sent.start:content.start]
        if any(t.is_quote for t in lead) or not all(t.is_space or t.is_punct for t in lead):
            return content                                    # the sentence opens its own quotation
        paragraph = sent.start
        while paragraph > 0 and "\n" not in doc[paragraph - 1].text_with_ws:
            paragraph -= 1
        quotes = [t for t in doc[paragraph:sent.start] if t.is_quote]
        if not quotes:
            return content
        last = quotes[-1]
        straight = [t for t in quotes if t.text in STRAIGHT_QUOTES]
        opens = last.text in OPENING_QUOTES or (last.text in STRAIGHT_QUOTES and len(straight) % 2 == 1)
        return doc[last.i + 1:content.end] if opens else content

    @staticmethod
    def _adjective_parts(tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in ("prep", "xcomp", "ccomp")]

    def _verb_parts(self, tok: Token, cue) -> list[Token]:
        parts = [c for c in tok.children
                 if c.dep_ in VERB_PARTS
                 or (c.dep_ == "prep" and (c.lower_ not in self.addressee_preps or cue.stance == "links"))
                 or (c.dep_ == "prt" and cue.words.endswith(c.text))]
        cue_words = cue.words.split()[1:]                      # "clear" of "made clear" is the cue's
        parts = [c for c in parts if not (c.dep_ == "advcl" and self.is_frame(c))
                 and not (c.dep_ == "prep" and c.i < tok.i)    # "In a statement, X said ..." frames it
                 and not (c.dep_ != "prt" and c.text in cue_words and not any(c.children))]
        if any(c.dep_ in ("dobj", *CLAUSES) for c in parts):
            # "opposed the office, arguing that ...": the participle gives reasons, not the object
            parts = [c for c in parts if not (c.dep_ == "advcl" and c.tag_ == "VBG")]
        if not parts and any(c.dep_ == "agent" for c in tok.children):
            parts = [c for c in tok.children if c.dep_ == "nsubjpass"]     # "the plan was rejected by X"
        clauses = [c.i for c in parts if c.dep_ in CLAUSES]
        if clauses:              # "told reporters that ...", "urged senators to ...": the object is the addressee
            parts = [c for c in parts if not (c.dep_ in ("dobj", "dative") and c.i < clauses[0])]
        if cue.words.split()[-1] == "on" or cue.stance == "demands":
            parts += [c for c in tok.children if c.dep_ == "prep"]
            parts += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # "said in a statement", "told the agency in an interview", "said on Monday": the carrier
        # and the circumstances are not what was said
        kept = []
        for c in parts:
            if c.dep_ in ("prep", "pobj") and self._circumstance(c):
                # "said in a statement that ...": the clause the parser hangs on the carrier is the content
                kept += [g for o in _objects(c) for g in o.children if g.dep_ in ("acl", "ccomp", "relcl")
                         and any(m.dep_ == "mark" for m in g.children)]
            else:
                kept.append(c)
        return list(dict.fromkeys(kept))

    def _circumstance(self, phrase: Token) -> bool:
        objects = _objects(phrase)
        return bool(objects) and all(o.lemma_.lower() in self.carrier_nouns or o.ent_type_ in ("DATE", "TIME")
                                     for o in objects)

    def is_frame(self, clause: Token) -> bool:
        """An adverbial clause that frames the cue ("While X hailed ...", "When asked ...")."""
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in self.frame_marks for c in clause.children) \
            or clause.i < clause.head.i

    @staticmethod
    def _quoted_clause(tok: Token) -> SpacySpan | None:
        """For "'...', he said": the sentence part before the cue, inside quotation marks."""
        sent = tok.sent
        before = [t for t in sent if t.i < tok.i and not t.is_punct and t.dep_ not in SUBJECTS]
        return sent.doc[before[0].i:tok.i] if len(before) > 3 and any(t.is_quote for t in sent) else None

    def _noun_content(self, tok: Token) -> SpacySpan | None:
        doc = tok.doc
        # "X's message was that ...", "the goal has been to ...": the copula's complement
        head = copula_head(tok) if tok.dep_ in ("nsubj", "pobj") else None
        if head is not None:
            comps = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "attr", "acomp") and c.i > tok.i]
            if comps:
                idx = sorted({t.i for c in comps for t in c.subtree})
                return doc[idx[0]:idx[-1] + 1]
        # "the statement that ...", "proposals on the use of ..."
        comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)]
        if self.lexicon.nouns.get(tok.lemma_.lower()) in ("proposes", "demands"):
            comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "for", "to", "about")]
        if comps:
            idx = sorted({t.i for c in comps for t in c.subtree})
            return doc[idx[0]:idx[-1] + 1]
        return None

    # ------------------------------------------------------------------ quote type and evidence

    @staticmethod
    def quote_type(cue: SpacySpan, content: SpacySpan) -> QuoteType:
        if not cue._.cue.speech:
            return QuoteType.HELD
        quotes = sum(1 for t in content if t.is_quote)
        text = content.text.strip()
        if quotes and text[:1] in QUOTE_OPENERS and text[-1:] in QUOTE_CLOSERS:
            return QuoteType.DIRECT
        return QuoteType.MIXED if quotes >= 2 else QuoteType.INDIRECT

    def evidence(self, cue: SpacySpan, content: SpacySpan) -> SpacySpan:
        """The clause that attributes: from the speaker to the end of the content, within the sentence."""
        tok, kind, sent, doc = cue.root, cue._.cue.kind, cue.sent, cue.doc
        head = tok
        if kind == CueKind.NOUN:
            head = copula_head(tok) or tok
        elif kind == CueKind.ACCORDING:
            head = tok.head
        elif kind == CueKind.ADJECTIVE and tok.dep_ in ("acomp", "xcomp"):
            head = tok.head
        frames = {t.i for c in head.children if c.dep_ == "advcl" and self.is_frame(c) for t in c.subtree}
        idx = sorted(t.i for t in head.subtree if t.i not in frames and sent.start <= t.i < sent.end)
        start, end = min(idx + [content.start]), max(idx + [content.end - 1]) + 1
        while start < end and (doc[start].is_punct and not doc[start].is_quote or doc[start].is_space):
            start += 1
        return trim(doc[start:end]) or doc[start:end]

    # ------------------------------------------------------------------ quoted blocks

    def block(self, cue: SpacySpan) -> list[SpacySpan]:
        """The quoted block a colon cue opens ("Putin responded:"), one content per unit."""
        sent = cue.sent
        if cue._.cue.kind != CueKind.VERB or not cue._.cue.speech or not sent.text.rstrip().endswith(":"):
            return []
        contents = []
        for unit in self._block_units(cue):
            span = content_span(cue, unit.start, unit.end, CueKind.BLOCK)
            span._.cue_span = cue
            span._.quote_type = QuoteType.DIRECT
            span._.evidence = span
            contents.append(span)
        return contents

    def _block_units(self, cue: SpacySpan) -> list[SpacySpan]:
        doc, sent = cue.doc, cue.sent
        names = {w.lower() for s in cue._.speakers for w in s.label.split()}
        units: list[list[SpacySpan]] = []
        paragraphs = 0
        last_line_end = sent.end
        for nxt in doc.sents:
            if nxt.start < sent.end or not nxt.text.strip():
                continue
            gap = doc[last_line_end:nxt.start].text if nxt.start > last_line_end else ""
            if "\n" in gap or "\n" in doc[nxt.start - 1].text_with_ws:
                paragraphs += 1
                words = {t.lower_ for t in nxt}
                speaks_of_speaker = bool(words & (names | self.third_person))
                if paragraphs > BLOCK_MAX_PARAGRAPHS or (speaks_of_speaker and not words & self.first_person):
                    break
            last_line_end = nxt.end
            first = next((t for t in nxt if not t.is_space), None)
            opens = first is not None and first.i == nxt.start + nxt[0].is_space
            if units and opens and first.lower_ in self.anaphoric_openers:
                units[-1].append(nxt)
            else:
                units.append([nxt])
        spans = (trim(doc[unit[0].start:unit[-1].end]) for unit in units)
        return [span for span in spans if span is not None]


def _objects(phrase: Token) -> list[Token]:
    """The objects of a prepositional phrase (or the object itself)."""
    return [phrase] if phrase.dep_ == "pobj" else [g for g in phrase.children if g.dep_ == "pobj"]


def copula_head(tok: Token) -> Token | None:
    """The copula a noun is the subject of ("X's message was"), also through "one of the goals"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head.head if head.head.dep_ in SUBJECTS else None
        if head is None:
            return None
    return head if head.lemma_ == "be" else None


def trim(span: SpacySpan) -> SpacySpan | None:
    tokens = [t for t in span if not t.is_space]
    return span.doc[tokens[0].i:tokens[-1].i + 1] if tokens else None


@Language.factory("content_finder", assigns=["doc.spans", "span._.cue_span", "span._.quote_type", "span._.evidence"],
                  requires=["doc.spans", "span._.cue", "span._.speakers"],
                  default_config={"lexicon": resources.DEFAULTS["lexicon"]})
def make_content_finder(nlp: Language, name: str, lexicon: Lexicon) -> ContentFinder:
    return ContentFinder(lexicon)

