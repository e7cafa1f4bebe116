"""The email/phone hint: what it finds, and that it is linear in the length of the text
(it runs while the person types)."""

from __future__ import annotations

import time

import pytest

from coachtui.core.quick import looks_personal


@pytest.mark.parametrize("text, found", [
    ("Wrote to sam@example.org about it", "an email address"),
    ("mail jo.doe+shop@mail.example.co.uk", "an email address"),
    ("Call back on 07700 900123", "a phone number"),
    ("ring +44 (0)20 7946-0958 after six", "a phone number"),
    ("1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9", "a phone number"),
    ("Met on 2026-11-23 at 10.30", ""),
    ("an @ sign, a.b, x@y and 1234567", ""),
    ("order 123456789012345678901234567890", ""),  # far longer than any phone number
    ("", ""),
])
def test_what_counts_as_someones_details(text, found):
    assert looks_personal(text) == found


def best_of_three(text: str) -> float:
    times = []
    for _ in range(3):
        began = time.perf_counter()
        looks_personal(text)
        times.append(time.perf_counter() - began)
    return min(times)


# Long runs of the characters an address or a number is made of, with nothing that
# completes one: each used to be tried from every one of its characters.
ADVERSARIAL = {
    "one long word": "x" * 30_000,
    "digits then a letter": "1" * 30_000 + "x",
    "dotted run": "a." * 15_000,
    "at signs without a domain": "a@" * 15_000,
    "a domain without a dot": "a@" + "b" * 30_000,
    "digits and separators": "1-" * 15_000 + "x",
    "short numbers": "12 34x " * 4_300,
}


@pytest.mark.parametrize("text", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_a_hostile_answer_takes_about_as_long_as_prose_of_its_length(text):
    prose = ("A calm word or two, then on with the day. " * 1_000)[:len(text)]
    baseline = best_of_three(prose)
    # Generous: a linear check stays within a small factor of prose; a quadratic one took
    # thousands of times as long at this length (seconds, not milliseconds).
    assert best_of_three(text) < 30 * baseline + 0.05
