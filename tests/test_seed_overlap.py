"""No shipped text copies the seed stories: no run of 6 or more words shared with them.

coachtui is built on a few seed stories (kept outside the repository, in ../shared/seeds/).
Every prompt, cue and line is meant to be in coachtui's own words; this check finds a copied
phrase wherever it hides: playbooks, frameworks, the templates, the code's strings, the README.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUN = 6  # words in a row that count as copying
# A word, with its inner apostrophes (curly or straight) as one spelling.
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def seeds_folder() -> Path | None:
    """$COACHTUI_SEEDS, else shared/seeds beside the checkout (or beside its worktree folder)."""
    candidates = [Path(os.environ["COACHTUI_SEEDS"])] if os.environ.get("COACHTUI_SEEDS") else []
    candidates += [ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds"]
    return next((path for path in candidates if path.is_dir() and any(path.glob("*.txt"))), None)


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i:i + RUN]) for i in range(len(found) - RUN + 1)}


def shipped_files() -> list[Path]:
    files = [ROOT / "README.md", *sorted((ROOT / "playbooks").rglob("*.toml"))]
    files += sorted(path for path in (ROOT / "coachtui").rglob("*")
                    if path.suffix in (".py", ".toml", ".md", ".tcss", ".html", ".txt"))
    return files


def shared_runs(text: str, seed_runs: set[tuple[str, ...]]) -> list[str]:
    return sorted(" ".join(run) for run in runs(text) & seed_runs)


def test_the_check_finds_a_copied_run():
    seed = runs("The quick brown fox jumps over the lazy dog today.")
    assert shared_runs("As they say, the quick brown fox jumps away.", seed) == []  # five
    assert shared_runs("Then THE quick brown fox jumps over the lazy cat.", seed) == [
        "brown fox jumps over the lazy", "quick brown fox jumps over the",
        "the quick brown fox jumps over"]
    # punctuation, case and curly apostrophes do not hide a copy
    assert shared_runs("She said: don\u2019t stop now, don\u2019t stop ever.",
                       runs("don't stop now don't stop ever")) == ["don't stop now don't stop ever"]


def test_no_shipped_text_shares_six_words_in_a_row_with_the_seeds():
    folder = seeds_folder()
    if folder is None:
        pytest.skip("the seed stories (../shared/seeds/) are not beside this checkout; "
                    "set COACHTUI_SEEDS to their folder to run this check")
    seed_runs: set[tuple[str, ...]] = set()
    for seed in sorted(folder.glob("*.txt")):
        seed_runs |= runs(seed.read_text(encoding="utf-8", errors="replace"))
    assert seed_runs, f"no words in the seeds in {folder}"
    copied = {str(path.relative_to(ROOT)): shared
              for path in shipped_files()
              if (shared := shared_runs(path.read_text(encoding="utf-8"), seed_runs))}
    assert copied == {}, "text copied from the seeds; say it in coachtui's own words"
