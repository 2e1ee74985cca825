"""The HTML report in a real browser (headless Chromium through playwright): the table and
every plot render, the per-page view switches pages, nothing is fetched from the network.
A full-page screenshot is saved to ``test-artifacts/report.png``."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest

from corpora import native

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
EXTRACTORS = ["trafilatura", "justext", "everything", "nothing"]
PLOTS = ["score-intervals", "speed-vs-score", "page-distribution", "noise-heatmap", "dedup-pr"]
N_PAGES = 12
SENTENCES = [
    "The council said on Monday that the new bridge over the river would open next spring.",
    "Residents of the harbour district welcomed the news after years of delays.",
    "Engineers expect traffic in the old town to ease once the second lane is finished.",
    "The project cost more than planned because steel prices rose during construction.",
    "A public celebration with music and food stalls is planned for the opening weekend.",
    "Critics argue that the money would have been better spent on the ferry service.",
]
NOISE = {
    "navigation": "Home News Sport Weather Culture Contact",
    "cookie-consent": "We use cookies to improve your experience. Accept all or manage settings.",
    "related-posts": "Related posts: Mayor opens library. Storm closes coastal road.",
}


def chromium() -> Path:
    """The browser, or a skip with the reason; under CI=true a missing browser fails."""
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"{CHROMIUM} is absent (apt-get install chromium; `make test` installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def corpus(out: Path) -> Path:
    """News and blog pages, each article twice (near-duplicates), with annotated noise."""
    rng = random.Random(11)
    articles = [
        "\n\n".join(" ".join(rng.sample(SENTENCES, 4)) for _ in range(4))
        for _ in range(N_PAGES // 2)
    ]
    pages = []
    for i in range(N_PAGES):
        template = "blog" if i % 2 else "news"
        gold = articles[i % len(articles)]
        menu = "".join(f"<a href='/{w}'>{w}</a> " for w in NOISE["navigation"].split())
        html = (
            f"<html lang='en'><head><meta charset='utf-8'><title>Bridge {i}</title></head><body>"
            f"<nav>{menu}</nav><main><article><h1>Bridge story {i}</h1>"
            + "".join(f"<p>{p}</p>" for p in gold.split("\n\n"))
            + f"</article><aside><p>{NOISE['related-posts']}</p></aside></main>"
            f"<div class='{template}-consent'><p>{NOISE['cookie-consent']}</p></div></body></html>"
        )
        record = {
            "text": gold,
            "title": f"Bridge story {i}",
            "language": "en",
            "template": template,
            "dup_group": f"article-{i % len(articles)}",
            "url": f"https://{template}.example/{i}",
            "noise": [{"type": kind, "text": text} for kind, text in NOISE.items()],
        }
        pages.append(native.PageToWrite(f"page-{i:02d}", html.encode(), record))
    return native.write(out, "browser-test", pages)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    chromium()  # skip before the run when there is no browser
    root = tmp_path_factory.mktemp("browser")
    run = root / "run"
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus")),
        "-e",
        ",".join(EXTRACTORS),
        "--out",
        str(run),
        "--no-progress",
    )
    run_cli("dedup", "--run", str(run), "-e", "trafilatura", "--threshold", "0.7")
    out = root / "report.html"
    run_cli("report", str(run), "-f", "html", "-o", str(out))
    return out


def inked(png: bytes) -> float:
    """Share of pixels that are not (nearly) white: a blank plot is close to 0."""
    from PIL import Image

    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()  # pixels per grey level
    return sum(histogram[:230]) / sum(histogram)


def test_html_report_renders_in_chromium(report_file: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium()), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on(
                "request",
                lambda r: None if r.url.startswith(("file:", "data:")) else requests.append(r.url),
            )
            page.goto(report_file.as_uri())
            page.wait_for_selector("#pv-view .pv-pair")

            rows = page.locator("table.main tbody tr")
            assert rows.count() == len(EXTRACTORS)
            shown = {rows.nth(i).get_attribute("data-extractor") for i in range(rows.count())}
            assert shown == set(EXTRACTORS)
            assert page.locator("table.pairs tbody tr").count() == 6

            for name in PLOTS:
                svg = page.locator(f"svg[data-plot='{name}']")
                assert svg.count() == 1, f"plot {name} missing"
                svg.scroll_into_view_if_needed()
                box = svg.bounding_box()
                assert box is not None and box["width"] > 300 and box["height"] > 120, name
                assert svg.locator("path").count() > 5, f"plot {name} has nothing drawn"
                assert inked(svg.screenshot()) > 0.01, f"plot {name} renders blank"
            labels = page.locator("svg[data-plot='score-intervals'] text").all_text_contents()
            assert set(EXTRACTORS) <= {t.strip() for t in labels}

            select = page.locator("#pv-select")
            assert select.locator("option").count() == N_PAGES
            first = page.locator("#pv-view").get_attribute("data-page")
            assert page.locator("#pv-view .pv-pair").count() == len(EXTRACTORS)
            assert page.locator("#pv-counter").inner_text() == f"1 / {N_PAGES}"
            select.select_option(index=5)
            sixth = page.locator("#pv-view").get_attribute("data-page")
            assert sixth != first and page.locator("#pv-counter").inner_text() == "6 / 12"
            page.locator("#pv-next").click()
            assert page.locator("#pv-counter").inner_text() == "7 / 12"
            assert page.locator("#pv-view").get_attribute("data-page") not in (first, sixth)
            page.locator("body").press("ArrowLeft")
            assert page.locator("#pv-view").get_attribute("data-page") == sixth
            kept = page.locator("#pv-view .pv-pair[data-extractor='everything'] mark.extra")
            assert "cookies" in " ".join(kept.all_text_contents())
            page.locator("#pv-select").select_option(index=0)
            page.locator("#summary").scroll_into_view_if_needed()

            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == []  # the report works offline
