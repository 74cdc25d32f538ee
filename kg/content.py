"""The content finder: what each cue says was said, how it is quoted, and the clause that
attributes it.

For a verb, the content is its clausal complement or object ("said that ...", "rejected the
plan"), without the addressee ("told reporters that ...", "urged senators to ..."), framing
clauses ("While X hailed ...") or a participle of reasons; for a passive with an agent, its
subject; for "'...', he said", the quotation before the cue, from where it opened (also when
the splitter cut it off into a sentence of its own), and not what it was said "of"; for "X said,
“A. B.”", the whole quotation opened right after the cue; for "Back then, X said, she found ...",
the clause the reporting clause is set into. "Said A and that B" gives one content per reported
clause; a cue of its own conjoined inside a content ends it. For an owned noun, the copula's
complement ("X's message was that ..."), its own clause or, owned, what it is "of"; for
"according to X", the clause it attaches to. A sentence ending in a colon after a verb of saying
("Putin responded:") opens a quoted block that runs over the following paragraphs while they stay
in the speaker's voice: one content per sentence, sentences that only continue the previous one
("This was always the case") joined to it.

Writes `doc.spans["contents"]`: each span's `_.cue_span`, `_.quote_type` and `_.evidence`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import quotes, resources
from .actors import SUBJECTS
from .cues import (DASHES, agented, hung_on_subject, inverted_name, modifier_subject, named_after_quotation,
                   paragraph_after, relative_object, reporting_after_quotation)
from .annotations import CONTENTS, CUES, CueKind, QuoteType, content_span
from .lexicon import Lexicon

BLOCK_MAX_PARAGRAPHS = 6
VERB_PARTS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "advcl", "dative", "acomp")
CLAUSES = ("ccomp", "xcomp")
QUOTE_OPENERS, QUOTE_CLOSERS = "“‘\"'", "”’\"'"


class ContentFinder:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.addressee_preps = lexicon.words("addressee_preps")
        self.frame_marks = lexicon.words("frame_marks")
        self.first_person = lexicon.words("first_person")
        self.third_person = lexicon.words("third_person")
        self.anaphoric_openers = lexicon.words("anaphoric_openers")
        self.carrier_nouns = lexicon.words("carrier_nouns")
        self.topic_preps = lexicon.words("topic_preps")
        self.time_nouns = lexicon.words("time_nouns")

    def __call__(self, doc: Doc) -> Doc:
        contents = []
        cue_roots = {cue.root.i for cue in doc.spans.get(CUES, []) if cue._.speakers}
        for cue in doc.spans.get(CUES, []):
            if not cue._.speakers:
                continue
            contents.extend(self.block(cue))
            content = self.content(cue)
            if content is not None:
                content = before_other_cues(content, cue, cue_roots)
            parts = conjoined_clauses(content) if content is not None else []
            for part in filter(None, map(bare, parts)):
                span = content_span(cue, part.start, part.end, cue._.cue.kind)
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
        if kind == CueKind.COLON:
            return trim(paragraph_after(tok))
        if kind == CueKind.ACCORDING:
            return framed_clause(tok)
        if kind == CueKind.VERB and cue._.cue.speech and (inverted := set_in_inverted(tok)) is not None:
            return inverted
        if kind == CueKind.VERB and modifier_subject(tok):     # "He implied immigrants were to blame"
            return bare(doc[tok.i + 1:tok.sent.end])
        # "the plan, which Moscow rejected", "a call echoed by Japan": the noun the clause modifies
        modified = relative_object(tok) or (tok.head if tok.dep_ == "acl" and agented(tok) else None)
        if kind == CueKind.VERB and modified is not None:
            return bare(doc[modified.left_edge.i:modified.i + 1])
        parts = self._adjective_parts(tok) if kind == CueKind.ADJECTIVE else self._verb_parts(tok, cue._.cue)
        neutral = kind == CueKind.VERB and cue._.cue.stance is None
        if neutral and any(p.dep_ in CLAUSES for p in parts):   # "“...,” X said of the plan": not what was said
            parts = [p for p in parts if not (p.dep_ == "prep" and p.lower_ in self.topic_preps)]
        tokens = sorted({t.i for p in parts for t in p.subtree})
        # "“...”, X said in Geneva", "“...”, X tweeted, quoting the report": the quotation, not where
        # it was said or what went with it
        aside = all(p.dep_ in ("prep", "pobj") or p.dep_ == "advcl" and p.tag_ == "VBG" for p in parts)
        quoted = None
        if neutral and (aside or reporting_after_quotation(tok) or named_after_quotation(tok)):
            quoted = self._quoted_clause(tok) or (self._glossed_quotation(tok, parts) if aside else None)
        if quoted is not None:
            content = quoted
        elif not tokens and cue._.cue.speech and reported_as(tok):
            content = framed_clause(tok)      # "As the paper reported, the deal would fail"
        elif not tokens and cue._.cue.speech and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
            content = set_into(tok)           # "Back then, Kovac said, she found it odd"
        elif not tokens:
            content = (self._quotation_before(tok) or self._quotation_next(tok)) if cue._.cue.speech else None
        elif len(tokens) < 2 and self.lexicon.verbs.get(self.lexicon.verb_lemma(tok), {}).get("needs_content") \
                and not (tokens and doc[tokens[0]].pos_ == "NOUN" and doc[tokens[0]].dep_ == "dobj"):
            return None               # "she added", "he noted it"; but "Kovac vows change"
        else:
            content = doc[tokens[0]:tokens[-1] + 1]
        after = self._quotation_after(cue) if cue._.cue.speech else None
        if after is not None and (content is None or after.start <= content.start and content.end <= after.end + 1):
            return after
        return self._with_quote_opening(content) if content is not None and cue._.cue.speech else content

    def _glossed_quotation(self, tok: Token, parts: list[Token]) -> SpacySpan | None:
        """"“...?” | Trump added on Fox", "“...” | X tweeted, quoting the report": the quotation
        closing right before the sentence, in its paragraph, when the verb has only circumstances
        and participles that are no saying of their own (not "adding that ...")."""
        doc = tok.doc
        cue_roots = {c.root.i for c in doc.spans.get(CUES, [])}
        start = tok.sent.start
        if not parts or any(p.i in cue_roots for p in parts) or start == 0 or not quotes.is_mark(doc[start - 1]):
            return None
        return self._quotation_before(tok)

    @staticmethod
    def _with_quote_opening(content: SpacySpan) -> SpacySpan:
        """"“A. B,” she added": a quotation opened in an earlier sentence of the paragraph runs on
        into this one, so the content starts where the quotation opens."""
        doc, sent = content.doc, content.sent
        lead = doc[sent.start:content.start]
        if any(quotes.is_mark(t) for t in lead) or not all(t.is_space or t.is_punct for t in lead):
            return content                                    # the sentence opens its own quotation
        opening = quotes.opening_before(doc, sent.start)
        return doc[opening.i + 1:content.end] if opening is not None else content

    @staticmethod
    def _adjective_parts(tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in ("prep", "xcomp", "ccomp")]

    def _verb_parts(self, tok: Token, cue) -> list[Token]:
        parts = [c for c in tok.children
                 if c.dep_ in VERB_PARTS
                 or (c.dep_ == "prep" and (c.lower_ not in self.addressee_preps or cue.stance == "links"
                                           or cue.words.split()[-1] == c.lower_))     # "referred to X as Y"
                 or (c.dep_ == "prt" and cue.words.endswith(c.text))]
        cue_words = cue.words.split()[1:]                      # "clear" of "made clear" is the cue's
        parts = [c for c in parts if not (c.dep_ == "advcl" and self.is_frame(c))
                 and not (c.dep_ == "prep" and c.i < tok.i)    # "In a statement, X said ..." frames it
                 and not (c.text in cue_words and not any(c.children))]
        if any(c.dep_ in ("dobj", *CLAUSES) for c in parts):
            # "opposed the office, arguing that ...": the participle gives reasons, not the object
            parts = [c for c in parts if not (c.dep_ == "advcl" and c.tag_ == "VBG")]
        if not parts and any(c.dep_ == "agent" for c in tok.children):
            parts = [c for c in tok.children if c.dep_ == "nsubjpass"]     # "the plan was rejected by X"
        if any(c.dep_ in CLAUSES and c.i > tok.i for c in parts):
            # "X, whose firm ... uses data, said Y was ...": an unquoted clause before the verb is
            # the parser's misreading of a long subject; the content follows the verb
            parts = [c for c in parts if not (c.dep_ in CLAUSES and c.i < tok.i
                                              and not any(t.is_quote for t in c.subtree))]
        if any(c.dep_ in CLAUSES for c in parts):
            # "told reporters that ...", "urged senators to ...", "“...,” X told the agency": with a
            # clause said, the object is the addressee
            parts = [c for c in parts if c.dep_ not in ("dobj", "dative")]
        if any(c.dep_ in CLAUSES and c.i < tok.i and quotes.inside_quotation(c) for c in parts):
            # "“...,” she said in the response": the quotation is said, not where
            parts = [c for c in parts if not (c.dep_ == "prep" and c.i > tok.i)]
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
        return bool(objects) and all(o.lemma_.lower() in self.carrier_nouns | self.time_nouns
                                     or o.ent_type_ in ("DATE", "TIME") for o in objects)

    def is_frame(self, clause: Token) -> bool:
        """An adverbial clause that frames the cue ("While X hailed ...", "When asked ...")."""
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in self.frame_marks for c in clause.children) \
            or clause.i < clause.head.i

    @staticmethod
    def _quoted_clause(tok: Token) -> SpacySpan | None:
        """For "“...,” he said", "“Really,” she added": the sentence up to the quotation mark closing
        before the cue, however short. A sentence that opens mid-quotation ("Everything you do,” X
        said" after "“And she said.") is completed by `_with_quote_opening`."""
        sent = tok.sent
        marks = [t for t in sent if t.i < tok.i and quotes.is_mark(t)]
        return bare(sent.doc[sent.start:marks[-1].i]) if marks else None

    @staticmethod
    def _quotation_before(tok: Token) -> SpacySpan | None:
        """"“Is this a show?” | Kovac said.": a reporting clause the splitter cut off from the
        quotation that ends just before its sentence."""
        doc, sent = tok.doc, tok.sent
        subjects = [c for c in tok.children if c.dep_ in SUBJECTS] + ([tok.head] if hung_on_subject(tok) else [])
        subject = {t.i for c in subjects for t in c.subtree}
        if any(not (t.is_punct or t.is_space) and t.i not in subject for t in doc[sent.start:tok.i]):
            return None
        end = sent.start - 1
        while end > 0 and doc[end].is_space:
            end -= 1
        if end < 0 or not quotes.is_mark(doc[end]):
            return None
        opening = quotes.opening_before(doc, end)
        return bare(doc[opening.i + 1:end]) if opening is not None else None

    @staticmethod
    def _quotation_next(tok: Token) -> SpacySpan | None:
        """"X said in a statement. “There are no ballots to recount.”": a reporting sentence with
        nothing said in it, and a quotation opening its paragraph's next sentence."""
        doc, sent = tok.doc, tok.sent
        i = sent.end
        if i >= len(doc) or doc[sent.end - 1].text != "." or not quotes.is_mark(doc[i]) \
                or quotes.inside_quotation(doc[i]) or "\n" in doc[i - 1].text_with_ws:
            return None
        return quotation_opened_at(doc, i)

    @staticmethod
    def _quotation_after(cue: SpacySpan) -> SpacySpan | None:
        """"X said, “Sure. We agreed.”": a quotation opening right after the cue, past a comma or
        a colon, is what was said, whole, though the splitter cuts it into sentences and the
        parser hangs its first words on the cue as an interjection or not at all."""
        doc, words = cue.doc, cue._.cue.words.split()[1:]
        i = cue.end
        while i < len(doc) and doc[i].text in words:
            i += 1                                        # "went on", "called for"
        start = i
        while i < len(doc) and doc[i].is_punct and doc[i].text in ",:":
            i += 1
        if i == start or i >= len(doc) or not quotes.is_mark(doc[i]) or quotes.inside_quotation(doc[i]):
            return None
        return quotation_opened_at(doc, i)

    def _noun_content(self, tok: Token) -> SpacySpan | None:
        doc = tok.doc
        # "X's message was that ...", "the goal has been to ...": the copula's complement
        head = copula_head(tok) if tok.dep_ in ("nsubj", "pobj") else None
        if head is not None:
            # ("X's criticism was sharp": an adjective judges the noun, it is not what was said)
            comps = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "attr") and c.i > tok.i]
            if comps:
                idx = sorted({t.i for c in comps for t in c.subtree})
                return doc[idx[0]:idx[-1] + 1]
        # "the statement that ...", "proposals on the use of ..."
        comps = [c for c in tok.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)]
        if self.lexicon.nouns.get(tok.lemma_.lower()) in ("proposes", "demands"):
            comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "for", "to", "about")]
        if any(c.dep_ == "poss" for c in tok.children):   # "the president's announcement of a new base"
            comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        if comps:
            idx = sorted({t.i for c in comps for t in c.subtree})
            return doc[idx[0]:idx[-1] + 1]
        return None

    # ------------------------------------------------------------------ quote type and evidence

    @staticmethod
    def quote_type(cue: SpacySpan, content: SpacySpan) -> QuoteType:
        if not cue._.cue.speech:
            return QuoteType.HELD
        marks = sum(1 for t in content if t.is_quote)
        text = content.text.strip()
        if marks and text[:1] in QUOTE_OPENERS and text[-1:] in QUOTE_CLOSERS or enclosed(content):
            return QuoteType.DIRECT
        return QuoteType.MIXED if marks >= 2 else QuoteType.INDIRECT

    def evidence(self, cue: SpacySpan, content: SpacySpan) -> SpacySpan:
        """The clause that attributes: from the speaker to the end of the content, within the sentence."""
        tok, kind, sent, doc = cue.root, cue._.cue.kind, cue.sent, cue.doc
        if kind == CueKind.COLON:                  # the name, the colon, the words (after a dash before the name)
            start = quotes.paragraph_start(doc, tok.i)
            start = max([t.i + 1 for t in doc[start:tok.i] if t.text in DASHES], default=start)
            return doc[start:content.end]
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
        # a paragraph reporting someone's saying of its own ("CNN also noted:") ends the block; a
        # position in it ("Russia will link the two") may be the speaker's words
        reporting = {c.start for c in doc.spans.get(CUES, []) if c._.speakers and c._.cue.speech
                     and c._.cue.stance is None and not quotes.inside_quotation(c.root)}
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
                if paragraphs > BLOCK_MAX_PARAGRAPHS or (speaks_of_speaker and not words & self.first_person) \
                        or any(nxt.start <= i < quotes.paragraph_end(doc, nxt.start) for i in reporting):
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


def framed_clause(tok: Token) -> SpacySpan | None:
    """The clause `tok` frames, less `tok`'s own words ("according to X", "as X said")."""
    own = {t.i for t in tok.subtree}
    tokens = [t.i for t in tok.head.subtree if t.i not in own and not t.is_punct and not t.is_space]
    return tok.doc[tokens[0]:tokens[-1] + 1] if tokens else None


def reported_as(tok: Token) -> bool:
    """"As the paper reported, ...": a clause of saying under "as" framing the main clause."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def set_into(tok: Token) -> SpacySpan | None:
    """The clause a reporting clause is set into ("Back then, Kovac said, she found it odd"): the
    side of it that holds the clause's verb, or the whole clause when its subject stands on the
    other side ("The plan, Kovac said, will fail")."""
    doc, head, own = tok.doc, tok.head, {t.i for t in tok.subtree}
    words = [t.i for t in head.subtree if t.i not in own and not (t.is_punct or t.is_space)]
    side = [i for i in words if (i < tok.i) == (head.i < tok.i)]
    subject = [c for c in head.children if c.dep_ in SUBJECTS]
    if subject and (subject[0].i < tok.i) != (head.i < tok.i):
        side = words
    return bare(doc[side[0]:side[-1] + 1]) if side else None


def set_in_inverted(tok: Token) -> SpacySpan | None:
    """"The plan, said Anna Kovac, will fail": an inverted reporting clause set into the sentence,
    whatever the parser hung where, says the sentence it stands in (as "The plan, Kovac said, will
    fail" does); None when nothing follows the name and its apposition ("It failed, said Kovac.")."""
    name = inverted_name(tok)
    if name is None:
        return None
    sent = tok.sent
    rest = [t for t in tok.doc[name.root.right_edge.i + 1:sent.end] if not (t.is_punct or t.is_space)]
    return bare(sent) if rest and any(t.i < tok.i and not t.is_punct for t in sent) else None


def enclosed(content: SpacySpan) -> bool:
    """The content is the whole of a quotation: a mark right before it, and one right after it
    past the closing punctuation ("“We stay,” she said" gives "We stay")."""
    doc = content.doc
    if content.start == 0 or not quotes.is_mark(doc[content.start - 1]):
        return False
    after = content.end
    while after < len(doc) and doc[after].is_punct and not quotes.is_mark(doc[after]):
        after += 1
    return after < len(doc) and quotes.is_mark(doc[after])


def before_other_cues(content: SpacySpan, cue: SpacySpan, cue_roots: set[int]) -> SpacySpan | None:
    """"denied it had violated the treaty and accused the US of ...", "predicted talks would be
    held, noting that ...": a cue of its own conjoined or a participle inside the content (the
    parser hangs "accused" on "violated", "noting" on "held") ends it."""
    doc = content.doc
    for tok in content:
        if tok.i in cue_roots and tok.i != cue.root.i and tok.dep_ in ("conj", "advcl") and tok.i > content.start:
            end = tok.left_edge.i
            while end > content.start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"
                                           or doc[end - 1].is_space):
                end -= 1
            return doc[content.start:end] if end > content.start else None
    return content


def conjoined_clauses(content: SpacySpan) -> list[SpacySpan]:
    """"said the islets are ours and that it is wrong to ...": each reported clause joined to the
    first with its own subject or "that" is a statement of its own; anything else stays whole."""
    root, doc = content.root, content.doc
    joined = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > root.i
              and c.left_edge.i >= content.start and c.right_edge.i < content.end
              and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
    if not joined or root.dep_ not in ("ccomp", "ROOT", "conj"):
        return [content]
    cuts = [c.left_edge.i for c in joined]
    parts = []
    for start, end in zip([content.start] + cuts, cuts + [content.end]):
        tokens = [t for t in doc[start:end] if not (t.is_punct and not t.is_quote or t.is_space)]
        while tokens and tokens[-1].dep_ == "cc":                 # the "and" before the next clause
            tokens.pop()
        if tokens:
            parts.append(doc[tokens[0].i:tokens[-1].i + 1])
    return parts


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


def quotation_opened_at(doc: Doc, i: int) -> SpacySpan | None:
    """The words of the quotation whose opening mark is token `i`, if it closes in its paragraph."""
    closing = quotes.closing_after(doc, i)
    return bare(doc[i + 1:closing.i]) if closing is not None else None


def bare(span: SpacySpan) -> SpacySpan | None:
    """The span without the punctuation and quotation marks around it ("“We stay," -> "We stay");
    `quote_type` tells from the text around it whether it was quoted."""
    tokens = [t for t in span if not (t.is_punct or t.is_space)]
    if not tokens:
        return None
    doc, start, end = span.doc, tokens[0].i, tokens[-1].i + 1
    # "“illegal” migrants as criminals": a quotation closed inside keeps its opening mark
    opening = next((t for t in doc[span.start:start] if quotes.is_mark(t)), None)
    if opening is not None and (closing := quotes.closing_after(doc, opening.i)) is not None and closing.i < end:
        start = opening.i
    # "the ceasefire “a pause for rearming”": a quotation opened inside keeps its closing mark,
    # whichever word the parser hung the mark on
    if quotes.open_quotation(doc, start, end) is not None:
        closing = next((t for t in doc[end:end + 2] if quotes.is_mark(t)), None)
        end = closing.i + 1 if closing is not None else end
    return doc[start:end]


def trim(span: SpacySpan) -> SpacySpan | None:
    tokens = [t for t in span if not t.is_space]
    return span.doc[tokens[0].i:tokens[-1].i + 1] if tokens else None


@Language.factory("content_finder", assigns=["doc.spans", "span._.cue_span", "span._.quote_type", "span._.evidence"],
                  requires=["doc.spans", "span._.cue", "span._.speakers"],
                  default_config={"lexicon": resources.DEFAULTS["lexicon"]})
def make_content_finder(nlp: Language, name: str, lexicon: Lexicon) -> ContentFinder:
    return ContentFinder(lexicon)

