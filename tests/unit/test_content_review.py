"""The trainer's review of the bundled text: each line it found wrong stays fixed."""

from __future__ import annotations

import re

import pytest

from coachtui.store.playbooks import discover

BOOKS = {pid: loaded.playbook for pid, loaded in discover().playbooks.items()}


def coaching_lines(book) -> list[str]:
    """Every line the app says to the employee (not the example's sample answers)."""
    paths = book.paths
    return [book.summary, book.breath.reset_cue, *book.greet.cues, *book.greet.openers,
            *paths.connect, *paths.frictionless, *paths.deescalate, *paths.care,
            *(step.detail for step in book.recovery.add), *book.recovery.detail.values()]


def test_the_angry_caller_never_asks_a_repeat_caller_to_start_again():
    book = BOOKS["angry-caller"]
    for opener in book.greet.openers:
        assert not re.search(r"from the (start|beginning)|take me through", opener, re.I), opener


def test_believing_a_caller_still_checks_who_they_are():
    believe = next(step for step in BOOKS["angry-caller"].recovery.add if step.id == "believe")
    assert "ID checks" in believe.title and "identity checks" in believe.detail


def test_the_older_shopper_keeps_its_id():
    book = BOOKS["elderly-shopper"]
    assert book.title == "The older shopper"
    assert not any("elderly" in text.lower() for text in coaching_lines(book))


def test_no_opener_names_the_customers_mood_back_to_them():
    for book in BOOKS.values():
        for opener in book.greet.openers:
            assert "rough start" not in opener.lower(), (book.id, opener)


@pytest.mark.parametrize("pid", sorted(BOOKS))
def test_eye_contact_smiles_and_standing_are_options_not_rules(pid):
    """Culture, neurodivergence and disability: a cue may offer these, never require them."""
    for line in coaching_lines(BOOKS[pid]):
        lowered = line.lower()
        if "feet" in lowered and "floor" in lowered or "plant both feet" in lowered:
            assert "if you can" in lowered, line
        if re.search(r"\bsmile\b", lowered):
            assert re.search(r"\bif\b", lowered), line
        if re.search(r"catch their eye|meet their eye|eye contact", lowered) and \
                "phone" not in lowered:
            assert re.search(r"\bif\b", lowered), line
