"""The home screen says where the words go: on this machine, or, served to a browser, nowhere
after the tab closes, or the server's journal (COACHTUI_SERVED is set by `coachtui serve`)."""

from __future__ import annotations

import pytest

from tests.app.helpers import visible_text


@pytest.mark.parametrize("served, says, never", [
    (None, "Your journal stays on this machine.", "browser"),
    ("private", "In this browser tab, nothing is kept after you close it.", "stays on this"),
    ("journal", "Your entries are saved on the machine that serves this page, in ", "stays on"),
])
async def test_the_home_screen_says_where_the_words_go(make_app, monkeypatch, coachtui_home,
                                                       served, says, never):
    if served:
        monkeypatch.setenv("COACHTUI_SERVED", served)
    else:
        monkeypatch.delenv("COACHTUI_SERVED", raising=False)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        text = " ".join(visible_text(app).split())
    assert says in text and never not in text
    assert "not a clinical or safety tool" in text
    if served == "journal":
        assert str(coachtui_home / "journal") in text
