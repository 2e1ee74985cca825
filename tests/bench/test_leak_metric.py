"""Noise leak and title repeats on hand-made cases."""

from __future__ import annotations

from bench.metrics.leak import leaked, page_diagnostics, title_repeats
from corpora.page import Gold, NoiseSpan

GOLD = "The council approved the new harbour tunnel budget on Monday. Work starts in May."
COOKIE = "This website uses cookies to improve your experience. Accept Read More"


def test_long_block_leaks_when_half_its_shingles_are_kept() -> None:
    assert leaked(COOKIE, GOLD, GOLD + " " + COOKIE) is True
    assert leaked(COOKIE, GOLD, GOLD) is False
    half = "This website uses cookies to improve"  # 3 of the block's 8 shingles
    assert leaked(COOKIE, GOLD, GOLD + " " + half) is False


def test_short_block_must_appear_as_a_whole() -> None:
    assert leaked("Accept", GOLD, GOLD + "\nAccept") is True
    assert leaked("Read more", GOLD, GOLD + " read MORE") is True  # case-folded
    assert leaked("Read more", GOLD, GOLD + " Read the rest; more") is False


def test_block_made_of_gold_text_is_not_counted() -> None:
    assert leaked("Work starts in May", GOLD, GOLD) is None


def test_title_repeats_counts_extra_occurrences() -> None:
    title = "Harbour tunnel reopens"
    assert title_repeats(title, GOLD, GOLD) == 0
    assert title_repeats(title, GOLD, f"{title}\n{title}\n{title}\n{GOLD}") == 3


def test_page_diagnostics_by_type() -> None:
    gold = Gold(
        text=GOLD,
        title="Harbour tunnel reopens",
        noise=(
            NoiseSpan("cookie-consent", COOKIE),
            NoiseSpan("navigation", "Home"),
            NoiseSpan("navigation", "World News Sport"),
        ),
    )
    out = page_diagnostics(gold, f"Harbour tunnel reopens\n{GOLD}\nHome")
    assert out == {
        "noise_blocks": {"cookie-consent": 1, "navigation": 2},
        "noise_leaked": {"cookie-consent": 0, "navigation": 1},
        "title_repeats": 1,
    }
