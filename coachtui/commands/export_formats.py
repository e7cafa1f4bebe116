"""The export's formats, as pure text from entries: JSON Lines, CSV and Markdown.

An entry here is a Reflection, or a `Stored` one: the JSON the journal index holds, parsed
and read the same way, so an export of 100,000 entries does not validate them all again
(each was validated when its file was read into the index).

Light on purpose: `coachtui.cli` imports it (through journal_cli) on every start.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, Union

from coachtui.commands.markdown import md_block, md_one_line, spelled
from coachtui.core.sanitize import FORBIDDEN

if TYPE_CHECKING:
    from coachtui.core.reflection import Reflection

    Entry = Union[Reflection, "Stored"]


class _Signal(NamedTuple):
    label: str  # all a format shows of a signal


class Stored:
    """An entry as the index holds it (pydantic's JSON of a validated Reflection), read as
    the formats read a Reflection: `entry.created`, `entry.signals[0].label`…"""

    __slots__ = ("_fields",)

    def __init__(self, data: str) -> None:
        fields = json.loads(data)
        for name in ("created", "written"):  # times as a Reflection holds them
            if fields.get(name) is not None:
                fields[name] = datetime.fromisoformat(fields[name])
        fields["signals"] = [_Signal(signal["label"]) for signal in fields["signals"]]
        self._fields = fields

    def __getattr__(self, name: str):
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None


def to_jsonl(entries: list[Reflection]) -> str:
    # pydantic's own JSON: the same object as json.dumps(model_dump(mode="json"),
    # ensure_ascii=False), unknown keys included, about four times faster.
    return jsonl_text([entry.model_dump_json() for entry in entries])


def jsonl_text(lines: list[str]) -> str:
    """JSON Lines of these entries' JSON (as the index holds it: pydantic's model_dump_json)."""
    from coachtui.core.sanitize import FORBIDDEN

    text = "".join(line + "\n" for line in lines)
    # JSON escapes C0 controls but not DEL, C1 or bidi controls: \u-escape those too, which
    # any JSON reader turns back into the same string (no raw newline is left to touch).
    return FORBIDDEN.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _csv_cell(value) -> str:
    # 3.6 million cells at 100,000 entries: the common ones (a string, nothing, a yes/no)
    # are decided at one look each.
    if value.__class__ is str:
        if not value:
            return ""
        text = value
    elif value is None:
        return ""
    elif value is True or value is False:
        return "true" if value else "false"
    elif isinstance(value, datetime):
        text = value.isoformat().replace("+00:00", "Z")
    elif isinstance(value, list):
        text = "; ".join(getattr(item, "label", item) for item in value)  # signals by label
    else:
        text = str(value)
    if FORBIDDEN.search(text):  # nearly never
        text = spelled(text, keep_lines=True)
    start = text[0] if text else ""
    if start.isascii() and start.isalnum():
        return text  # a letter or digit first: never a formula
    return "'" + text if _reads_as_formula(text) else text


def _reads_as_formula(cell: str) -> bool:
    """Would a spreadsheet run this cell as a formula (OWASP, CSV injection)? It does when
    the first sign is = + - or @, also after blanks or a line break, and in their full-width
    forms (＝ ＋ － ＠), which it folds to the plain ones; and a cell starting with a tab or
    a line break may be taken apart at it."""
    import unicodedata

    start = cell[:1]
    if start.isascii() and start.isalnum() or not start:
        return False  # a letter or digit stays itself in NFKC, whatever follows it
    if start in ("\t", "\r", "\n"):
        return True
    first = next((char for char in unicodedata.normalize("NFKC", cell)
                  if not (char.isspace() or unicodedata.category(char) == "Cf")), "")
    return first in ("=", "+", "-", "@")


def to_csv(entries: list[Reflection]) -> str:
    return "".join(csv_pieces([entries]))


def csv_pieces(batches: Iterable[list[Reflection]]) -> Iterator[str]:
    """A header row, then one row per entry, a batch of rows per piece."""
    import csv
    import io

    from coachtui.core.reflection import Reflection

    fields = list(Reflection.model_fields)  # fixed: unknown keys go to jsonl only
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(fields)
    for entries in batches:
        for entry in entries:
            if entry.__class__ is Stored:  # its fields as parsed: no attribute look-ups
                stored = entry._fields
                writer.writerow([_csv_cell(stored.get(name)) for name in fields])
            else:
                writer.writerow([_csv_cell(getattr(entry, name)) for name in fields])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()  # the header alone, when no entry matched


_ANSWERS = (("intended", "What I meant to happen"), ("what_happened", "What happened"),
            ("why_different", "Why it went differently"), ("went_well", "What went well"),
            ("to_change", "What I would change"), ("next_time", "Next time I will"),
            ("ripple", "Who might hear of it"))


def _md_entry(entry: Reflection) -> list[str]:
    title = entry.playbook_title or ("Quick note" if entry.kind == "quick" else "Walk")
    lines = [f"## {entry.created:%Y-%m-%d %H:%M} UTC: {md_one_line(title)}", ""]
    if entry.safety:
        lines.append("- **Safety:** a safety signal stopped the coaching")
    if entry.decision:
        decision = entry.decision
        if entry.recommended and entry.followed_recommendation is False:
            decision += f" (the suggestion was {entry.recommended})"
        elif entry.followed_recommendation:
            decision += " (as suggested)"
        lines.append(f"- **Decision:** {decision}")
    if entry.stress_before is not None or entry.stress_after is not None:
        before, after = (("-" if v is None else str(v))
                         for v in (entry.stress_before, entry.stress_after))
        lines.append(f"- **Stress:** {before} \u2192 {after} (0\u201310)")
    for label, values in (("Signals", [s.label for s in entry.signals]),
                          ("Steps done", entry.steps_done),
                          ("Steps left open", entry.steps_open),
                          ("Customer left", entry.customer_left),
                          ("I felt", entry.my_feelings),
                          ("Moment", [entry.moment] if entry.moment else []),
                          ("Tags", entry.tags)):
        if values:
            lines.append(f"- **{label}:** " + "; ".join(md_one_line(v) for v in values))
    if entry.opener:
        lines.append(f"- **Opener:** {md_one_line(entry.opener)}")
    flags = [word for word, on in (("starred", entry.starred), ("sensitive", entry.sensitive))
             if on]
    if flags:
        lines.append(f"- **Marked:** {', '.join(flags)}")
    if entry.sensitive and not any(getattr(entry, name) for name, _ in _ANSWERS):
        lines += ["", "*Marked sensitive: its words are not in this export.*"]
    for name, heading in _ANSWERS:
        text = getattr(entry, name)
        if text.strip():
            lines += ["", f"**{heading}**", "", md_block(text)]
    return lines + [""]


def to_markdown(entries: list[Reflection]) -> str:
    first, last = (entries[0].created, entries[-1].created) if entries else (None, None)
    return "".join(markdown_pieces([entries], len(entries), first, last))


def markdown_pieces(batches: Iterable[list[Reflection]], count: int,
                    first: datetime | str | None, last: datetime | str | None) -> Iterator[str]:
    """A heading that says how many entries and over which days (`first` and `last`: times,
    or as the index keeps them, ISO 8601), then each entry, a batch per piece."""
    from coachtui.core.insights_report import count_of_entries  # late: it loads pydantic

    lines = ["# coachtui journal", ""]
    if count:
        first, last = (datetime.fromisoformat(moment) if isinstance(moment, str) else moment
                       for moment in (first, last))
        lines += [f"{count_of_entries(count)}, {first:%Y-%m-%d} to {last:%Y-%m-%d}, oldest first. "
                  "Times are UTC.", ""]
    else:
        lines += ["No entries.", ""]
    yield "\n".join(lines)
    for entries in batches:
        yield "".join("\n" + "\n".join(_md_entry(entry)) for entry in entries)


