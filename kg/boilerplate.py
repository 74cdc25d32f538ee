"""Page furniture as general rules: what surrounds an article on a web page, not its prose.

Two kinds of rule, because the evidence differs. On a page's tree (HTML, or Markdown rendered to
HTML) links are still visible, so the rules there are about links: a block that is wholly a link,
a promo label with its link ("Read: <a>…</a>"), and the link lists that follow a header such as
"Related" or "More from …". On text (what every reader produces) only wording is left, so the
line rules are about wording: "Posted:" stamps, share prompts, photo credits, "Continue reading",
and the datelines that open a news story ("HANOI, Vietnam (AP) —").

None of the lists name a site: each is a header, a prompt or a stamp as any news page writes it.
"""
from __future__ import annotations

import re

from lxml import html as lxml_html

# Elements whose text is one paragraph of a page; the tree rules judge each on its own text.
BLOCK_TAGS = frozenset(("p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section",
                        "aside", "blockquote", "figure", "figcaption", "ul", "ol", "dl", "table", "header",
                        "footer", "nav", "article", "main", "pre", "td", "th", "tr"))
_INVISIBLE = frozenset(("script", "style", "noscript", "template"))

# Headers after which a page lists other stories. A header is short, so these must match it whole.
_LIST_HEADER = re.compile(
    r"^\W*(related(\s+(articles?|stories|content|coverage|news|links|reading))?|read\s+(more|next|also)"
    r"|also\s+read|see\s+(more|also)|don'?t\s+miss|also\s+(on|in|from)\b.{0,40}|more(\s+(from|on|in|about)\b.{0,40}"
    r"|\s+(stories|news|coverage))?|recommended(\s+(for\s+you|stories|reading))?|you\s+(may|might)\s+(also\s+)?like"
    r"|(most\s+)?(popular|read|viewed|shared)(\s+(now|stories|articles))?|most\s+(popular|read|viewed|shared)\b.{0,20}"
    r"|trending(\s+now)?|top\s+stories|latest(\s+(news|stories))?|further\s+reading|in\s+other\s+news"
    r"|editor'?s\s+picks?|what\s+to\s+read\s+next)\W*$", re.I)
# The label of a promo line: "Read: <a>another story</a>", "WATCH: <a>…</a>".
_PROMO_LABEL = re.compile(r"^\W*(read|read\s+more|also\s+read|see|see\s+also|watch|listen|related|more|opinion"
                          r"|analysis|explainer|video|photos|live|share(\s+(this|on))?|follow\s+us(\s+on)?)\W*$", re.I)
# A label of one to three words and a colon, the rest of the block its links: "Tag: <a>…</a>",
# "Filed under: <a>…</a>, <a>…</a>", "Related Roundup: <a>…</a>". Prose goes on after its link.
_LINK_LABEL = re.compile(r"^\W*[^\W\d_][\w'’&.-]*(\s+[\w'’&.-]+){0,2}\s*:[\s,;|/·•]*$")
LINK_DENSE = 0.6          # share of a block's letters inside links above which the block is a link list


_NOT_LETTERS = re.compile(r"[\W_]+")
PROMO_CHARS = 200        # letters: a promo is one short line; longer blocks are not checked for one


def letters(text: str) -> int:
    """Letters and digits: what a block says, whatever its punctuation and bullets."""
    return len(_NOT_LETTERS.sub("", text))


def letter_counts(tree) -> dict:
    """{element: (its visible letters, those inside links)} for every element of a tree, in one
    pass from the leaves up (asking each block for its text would cost the page's size times its
    depth). Scripts and styles count for nothing: they are not shown."""
    counts = {}
    for element in reversed(list(tree.iter())):         # every descendant before its ancestor
        if element.tag in _INVISIBLE or not isinstance(element.tag, str):
            counts[element] = (0, 0)
            continue
        total, linked = letters(element.text) if element.text else 0, 0
        for child in element:
            child_total, child_linked = counts[child]
            total += child_total + (letters(child.tail) if child.tail else 0)
            linked += child_linked
        counts[element] = (total, total if element.tag == "a" else linked)
    return counts


def is_link_only(element, counts) -> bool:
    """A block all of whose words are link text (a headline pointing elsewhere, a list of them)."""
    total, linked = counts.get(element, (0, 0))
    return total > 0 and linked == total


def is_promo(element, counts) -> bool:
    """A block that is a promo label followed by link text ("Read: Another headline"), or a
    short label with a colon whose every other word is a link ("Tag: Example Weekly")."""
    total, linked = counts.get(element, (0, 0))
    if not linked or total > PROMO_CHARS:
        return False
    outside = element.text_content()
    for a in element.iter("a"):
        outside = outside.replace(a.text_content(), " ", 1)
    return letters(outside) > 0 and bool(_PROMO_LABEL.match(outside) or _LINK_LABEL.match(outside))


HEADER_CHARS = 60        # a list header is short: "Related", "More from Example News"


def is_list_header(element, counts) -> bool:
    """A header such as "Related" or "More from …". A block with more letters (`counts`, the
    tree's `letter_counts`) than a header has characters is passed over before its text is
    gathered: every div of a page is asked, and most hold far more."""
    if counts.get(element, (0, 0))[0] > HEADER_CHARS:
        return False
    raw = element.text_content()
    return len(raw) <= 200 and len(text := " ".join(raw.split())) <= HEADER_CHARS and bool(_LIST_HEADER.match(text))


def _link_dense(element, counts) -> bool:
    total, linked = counts.get(element, (0, 0))
    return total > 0 and linked >= LINK_DENSE * total


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _drop(element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _header_anchor(header):
    """The element whose next siblings are the header's list: the header itself, or the wrapper
    that holds nothing but it (<div class=title><h3>Related</h3></div>)."""
    node = header
    while node.getnext() is None and node.getparent() is not None and _text(node.getparent()) == _text(header):
        node = node.getparent()
    return node


def clean_tree(tree) -> int:
    """Remove figures with their captions and credits, link-only blocks, promos, and list headers
    with the link lists after them from an lxml tree, in place; return how many elements went. A
    paragraph that contains a link among words of its own is prose and stays, and so does a linked
    item of a list that is mostly prose (a report named among the points a speaker made)."""
    removed = 0
    for caption in [el for el in tree.iter("figure", "figcaption")]:
        if caption.getparent() is not None:
            _drop(caption)
            removed += 1
    counts = letter_counts(tree)
    for header in [el for el in tree.iter() if isinstance(el.tag, str) and el.tag in BLOCK_TAGS | {"strong", "b"}
                   and is_list_header(el, counts)]:
        if header.getparent() is None:
            continue
        anchor = _header_anchor(header)
        following = []
        sibling = anchor.getnext()
        while sibling is not None and isinstance(sibling.tag, str) and _link_dense(sibling, counts):
            following.append(sibling)
            sibling = sibling.getnext()
        if following:
            for element in (anchor, *following):
                _drop(element)
                removed += 1
    # the counts stay those from before the lists went: an ancestor that lost one is prose or empty either way
    for element in [el for el in tree.iter() if isinstance(el.tag, str) and el.tag in BLOCK_TAGS]:
        parent = element.getparent()
        if parent is None:
            continue
        in_prose_list = element.tag == "li" and not _link_dense(parent, counts)
        if (is_link_only(element, counts) and not in_prose_list) or is_promo(element, counts):
            _drop(element)
            removed += 1
    return removed


# Comments and processing instructions out at parse time: trafilatura reads an element's text up to
# its first child node, so "had suffered<!-- --> months of …" would otherwise lose the rest.
_PARSER = lxml_html.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True)


def parse_html(markup: str):
    """An lxml tree of a page or fragment."""
    return lxml_html.document_fromstring(markup, parser=_PARSER)


# Line rules, each matched against one whole line of text (a paragraph).
LINE_RULES = {
    "stamp": re.compile(r"^\W*(posted|updated|published|last\s+updated|first\s+published|last\s+modified)"
                        r"(\s+(on|at))?(\s*:\s*.{1,60}|\s+(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
                        r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b).{0,60})$", re.I),
    "share prompt": re.compile(
        r"^\W*(share(\s+this(\s+(article|story|page|post))?|\s+(on|via)\s+(facebook|twitter|x|email|whatsapp|linkedin"
        r"|reddit)\b.*)?|share\s*:.{0,80}|like\s+this\s+(story|article)\s*\?.*|follow\s+us\s+on\b.{0,60}"
        r"|click\s+to\s+share\b.*|(email|print|tweet)\s+this(\s+(article|story|page))?)\W*$", re.I),
    "continue reading": re.compile(r"^\W*continue\s+reading\b.{0,40}$", re.I),
    "promo": re.compile(r"^\W*(read|read\s+more|also\s+read|see\s+also|watch|listen)\s*:\s*.{1,160}$", re.I),
    # an agency's credit line: "(Reporting by A and B; Editing by C)", or two credits without brackets
    "reporting credit": re.compile(
        r"^\W*\(\s*(additional\s+)?(reporting|writing|editing)\s+by\b[^()]{1,300}\)\W*$"
        r"|^\W*(additional\s+)?(reporting|writing)\s+by\b.{1,300}\b(reporting|writing|editing)\s+by\b.{1,200}$", re.I),
    "photo credit": re.compile(
        r"^\W*(photo(graph)?s?|image|picture|illustration|credit|caption)(\s+by\b|\s*:)"
        r"|^\W*(©|\(c\)|getty images|reuters/|ap photo)"
        r"|\((ap|afp|reuters|epa)?\s*photo\s*/[^)]*\)\s*$|\b(via\s+getty\s+images|/\s*getty\s+images|/\s*afp|/\s*reuters"
        r"|/\s*ap|/\s*epa)\s*\)?\s*$", re.I),
}


def line_rule(line: str) -> str | None:
    """The name of the line rule that makes this line furniture, or None."""
    return next((name for name, rule in LINE_RULES.items() if rule.search(line)), None)


_CAPS_PLACE = r"[A-Z][A-Z.'’ ]{1,40}[A-Z]"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# A news dateline: "VIENNA (Reuters) - ", "BEIJING, June 12, 2023 — ", "HANOI, Vietnam (AP) — ".
DATELINE = re.compile(
    rf"^\s*{_CAPS_PLACE}(?:,\s*[A-Z][A-Za-z.'’ ]{{1,30}}?(?=\s*[,(—–-]))?"
    rf"(?:,\s*(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?))?"
    rf"\s*(?:\([A-Za-z .&]+\))?\s*[—–-]{{1,2}}\s+")
