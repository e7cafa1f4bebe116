"""A corpus of hostile and odd text, shared by the tests that feed it through the app.

Each entry says what it is, so a failing case names itself. `INERT` entries are ordinary
text to coachtui (markup look-alikes and odd but legitimate Unicode): they must be shown
and saved exactly. `STRIPPED` entries carry control, escape, bidi or surrogate code
points: typed, those are removed (and the person told); in a playbook they are rejected
with their place. `LONG` entries test the length caps.
"""

from __future__ import annotations

INERT = {
    "close tag": "[/]",
    "unclosed tag": "[bold",
    "click action": "[@click=app.quit]x[/]",
    "spaced click": "[ @click=app.quit]",
    "variable and click": "[$accent @click=app.bell]ring[/]",
    "link": "[link=https://example.com]here[/link]",
    "escaped bracket": "\\[not markup]",
    "zero-width": "zero\u200bwidth\u200djoin\u2060ed",
    "combining": "e\u0301\u0302\u0303 Z\u0324\u0354\u0367\u0311\u0313a\u0308",
    "emoji and right-to-left": "Café 😀👩‍👩‍👧 مرحبا بك שלום",
    "wide": "全角文字とカタカナ",
    "percent and braces": "100% {name} %s {0} $HOME",
}

STRIPPED = {
    "OSC title": "a\x1b]0;pwned\x07b",
    "OSC 52 clipboard": "a\x1b]52;c;ZXZpbA==\x07b",
    "CSI clear screen": "a\x1b[2J\x1b[Hb",
    "C1 controls": "a\x85b\x9bc\x90d",
    "bidi override": "a\u202eevil\u202cb\u2066c\u2069",
    "lone surrogates": "a\ud800b\udfffc",
    "backspace and bell": "a\x08\x07b",
}

LONG = {
    "10,000-character line": "w" * 10_000,
    "1 MB": "m" * 1_000_000,
}
