"""The insights as plain text: one report for `coachtui stats` and the insights screen."""

from __future__ import annotations

from coachtui.core.insights import Insights, Outcome, sparkline

SPARK_WIDTH = 48


def stats_lines(ins: Insights, scope: str = "") -> list[str]:
    lines = [f"Journal: {count_of_entries(ins.entries)}, {ins.first:%Y-%m-%d} to "
             f"{ins.last:%Y-%m-%d} (UTC)" + (f"; {scope}" if scope else ""), ""]
    lines.append("Stress before -> after (0-10, oldest first)")
    if ins.stress:
        lines += [f"  before  {sparkline([p.before for p in ins.stress], SPARK_WIDTH)}",
                  f"  after   {sparkline([p.after for p in ins.stress], SPARK_WIDTH)}",
                  f"  median drop {_points(ins.median_drop)} points, from "
                  f"{count_of_entries(ins.drops)} with both (before minus after: higher is calmer)"]
    else:
        lines.append("  no entry has both ratings yet")
    decided = ins.connect + ins.frictionless
    asked = ins.followed + ins.overridden
    lines += ["", "Decisions (either path can be the right one)"] + _table([
        ("  connect", str(ins.connect), _share(ins.connect, decided)),
        ("  frictionless", str(ins.frictionless), _share(ins.frictionless, decided)),
        ("  no decision", str(ins.undecided), ""),
        ("  went with the suggestion", str(ins.followed), _share(ins.followed, asked)),
        ("  chose the other path", str(ins.overridden), _share(ins.overridden, asked)),
    ])
    names = {"connect": "  connect", "frictionless": "  frictionless",
             "followed": "  with the suggestion", "overridden": "  the other path"}
    lines += ["", "How each went: patterns to notice, not a score"] + _table(
        [("", "entries", "median drop", "left fine or better")]
        + [(names[key], *_outcome_cells(ins.how_it_went[key])) for key in names])
    for title, ranked in (("Most common signals", ins.top_signals),
                          ("Scenarios", ins.top_scenarios),
                          ("Steps you often leave open (worth a look, not a failure)",
                           ins.most_skipped)):
        lines += ["", title]
        lines += [f"  {count:>5}  {name}" for name, count in ranked] or ["  none yet"]
    if ins.last_next_time:
        lines += ["", "Next time I will (your latest)", f"  {ins.last_next_time}"]
    return lines


def count_of_entries(n: int) -> str:
    """'1 entry', '2 entries'."""
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _points(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else ""


def _outcome_cells(outcome: Outcome) -> tuple[str, str, str]:
    fine = ("-" if outcome.fine_or_better_share is None
            else f"{outcome.fine_or_better_share:.0%} of {outcome.left_answered}")
    return str(outcome.entries), _points(outcome.median_drop), fine


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    """First column left-aligned, the others right-aligned: numbers line up."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join([row[0].ljust(widths[0])]
                      + [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]).rstrip()
            for row in rows]
