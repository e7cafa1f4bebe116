"""Outside text made literal in Markdown: shared by the journal export and the scenario handout.

Light on purpose: `coachtui.cli` imports it (through journal_cli) on every start.
"""

from __future__ import annotations

import re

from coachtui.core.sanitize import FORBIDDEN, FORBIDDEN_ONE_LINE

# Characters Markdown may act on anywhere in a line (links, emphasis, HTML, entities, code,
# tables, strike-through, maths, heading closers): backslash-escaped, which CommonMark
# guarantees shows them as they are.
_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>()#!|~&$])")
# And what starts a block only at the start of a line: a list item, a setext underline, "1.".
_MD_LINE_START = re.compile(r"^([+\-=])|^(\d+)\.")


def spelled(text: str, *, keep_lines: bool) -> str:
    """Control, escape and bidi characters spelled out (`\\x1b`), as on screen: typed text
    never holds them, but a hand-edited file's lists or unknown keys might."""
    pattern = FORBIDDEN if keep_lines else FORBIDDEN_ONE_LINE
    if not pattern.search(text):  # nearly always: one look, nothing made
        return text
    return pattern.sub(lambda found: repr(found.group())[1:-1], text)


def _backslashed(found: re.Match[str]) -> str:
    # A function, not the template r"\\\1": re would look the template up at every call.
    return "\\" + found[1]


def md_escape(line: str) -> str:
    """One line of a person's text, shown literally by any Markdown renderer.

    Leading spaces are dropped (four would make a code block)."""
    line = _MD_INLINE.sub(_backslashed, spelled(line.strip(), keep_lines=True))
    if not line or not (line[0] in "+-=" or line[0].isdigit()):
        return line  # nearly every line: it can start no block (no second look)
    return _MD_LINE_START.sub(
        lambda found: f"\\{found[1]}" if found[1] else f"{found[2]}\\.", line)


def md_one_line(text: str) -> str:
    """Text on one line: line breaks and runs of spaces become one space."""
    return md_escape(" ".join(text.split()))


def md_block(text: str) -> str:
    """Free text: paragraphs kept, and each line break kept as a hard break (a trailing \\)."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join("\\\n".join(md_escape(line) for line in para.splitlines() if line.strip())
                       for para in paragraphs if para.strip())
