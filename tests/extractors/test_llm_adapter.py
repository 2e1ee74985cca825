"""The ``llm:`` extractor against a real OpenAI-compatible server on 127.0.0.1 (the stub in
tests/llm_stub.py): presets, cleaning, unwrapping, truncation, retries, failures, parameters
checked before a run, the API key and the run identity."""

from __future__ import annotations

import asyncio
import random
from email.utils import formatdate
from pathlib import Path

import pytest
from llm_stub import Rule, StubServer, prompt_html

from bench.identity import identity_of
from extractors import registry
from extractors.base import ExtractorError
from extractors.llm import parse_target, presets
from extractors.llm.cleaning import IMG_PLACEHOLDER, SVG_PLACEHOLDER, clean_html
from extractors.llm.client import ApiError, RetryPolicy, retry_after_seconds
from extractors.llm.output import unwrap
from extractors.llm.prompt import build, estimate_tokens, truncate_html

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Ferry</title>"
    "<link rel='stylesheet' href='/s.css'><style>p{color:red}</style>"
    "<script>var tracking = 1;</script></head><body><!-- a comment -->"
    "<nav>Home · News</nav><h1>Ferry timetable</h1><p>The ferry runs every forty minutes.</p>"
    "<svg width='10'><path d='M0 0L10 10'/></svg>"
    "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==\" alt='x'>"
    "<footer>© 2024</footer></body></html>"
)


def _load(url: str, **params: object):
    return registry.load(f"m=llm:stub@{url}", dict(params))


# presets, cleaning, unwrapping, the prompt


def test_every_shipped_preset_loads_and_hashes_its_content() -> None:
    assert presets.names() == ["generic-markdown", "generic-text", "readerlm-v2"]
    kinds = {name: presets.load(name).output_kind for name in presets.names()}
    assert kinds == {
        "generic-markdown": "markdown",
        "generic-text": "text",
        "readerlm-v2": "markdown",
    }
    digests = {presets.load(name).sha256 for name in presets.names()}
    assert len(digests) == 3
    assert presets.load("readerlm-v2").sha256 == presets.load("readerlm-v2").sha256


def test_readerlm_v2_preset_is_the_model_cards_instruction_and_cleaning() -> None:
    preset = presets.load("readerlm-v2")
    assert preset.instruction == (
        "Extract the main content from the given HTML and convert it to Markdown format."
    )
    assert preset.user_message("<p>x</p>") == f"{preset.instruction}\n```html\n<p>x</p>\n```"
    assert preset.system == ""
    assert set(preset.clean) == {
        "scripts",
        "styles",
        "meta",
        "comments",
        "links",
        "svg",
        "base64-images",
    }
    assert preset.request == {"repetition_penalty": 1.08}


def test_a_preset_file_is_a_preset_and_its_content_is_its_identity(tmp_path: Path) -> None:
    text = presets._shipped().joinpath("generic-text.toml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(text, encoding="utf-8")
    assert presets.load(str(mine)).sha256 == presets.load("generic-text").sha256
    mine.write_text(text.replace("without any markup", "with no markup"), encoding="utf-8")
    assert presets.load(str(mine)).sha256 != presets.load("generic-text").sha256


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('instruction = "x"\nprompt = "no placeholder"', "{html}"),
        ('instruction = "x"\nprompt = "{html}"\ncolour = 1', "unknown keys"),
        ('instruction = "x"\nprompt = "{html}"\nclean = ["scripts", "ads"]', "'ads'"),
        ('instruction = "x"\nprompt = "{html}"\noutput_kind = "json"', "output_kind"),
    ],
)
def test_a_bad_preset_says_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(presets.PresetError, match=problem.replace("{", r"\{").replace("}", r"\}")):
        presets.parse("bad", text)


def test_cleaning_removes_what_jina_removes_and_keeps_the_text() -> None:
    steps = presets.load("readerlm-v2").clean
    cleaned = clean_html(PAGE, steps)
    for gone in (
        "<script",
        "tracking",
        "<style",
        "color:red",
        "<meta",
        "<link",
        "a comment",
        "M0 0L10",
        "base64,",
    ):
        assert gone not in cleaned, gone
    assert f"<svg width='10'>{SVG_PLACEHOLDER}</svg>" in cleaned
    assert IMG_PLACEHOLDER in cleaned
    assert "<h1>Ferry timetable</h1><p>The ferry runs every forty minutes.</p>" in cleaned
    assert clean_html(PAGE, []) == PAGE


@pytest.mark.parametrize(
    ("answer", "output"),
    [
        ("```markdown\n# Title\n\nText.\n```", "# Title\n\nText."),
        ("```md\n# Title\n\n```py\nx = 1\n```\n```", "# Title\n\n```py\nx = 1\n```"),
        ("Here is the main content:\n\n```markdown\n# T\nbody\n```", "# T\nbody"),
        ("```markdown\n# Cut off by max_tokens", "# Cut off by max_tokens"),
        ("```\nplain answer\n```", "plain answer"),
        ("```\ncode first\n```\nthen text", "```\ncode first\n```\nthen text"),
        ("<think>which part?</think>\n\n# Title\ntext", "# Title\ntext"),
        ("# Title\n\nNo wrapper at all.", "# Title\n\nNo wrapper at all."),
    ],
)
def test_wrappers_that_models_add_are_unwrapped_code_blocks_stay(answer: str, output: str) -> None:
    assert unwrap(answer) == output


def test_html_beyond_max_input_tokens_is_cut_and_the_cut_recorded() -> None:
    html = "<p>" + "word " * 2000 + "</p>"
    cut, truncated = truncate_html(html, 100)
    assert truncated and len(cut.encode()) <= 400 and html.startswith(cut)
    assert truncate_html(html, 10_000) == (html, False)
    # a cut never leaves half a tag or half a character
    cut, _ = truncate_html("<p>é</p>" * 50 + "<div class='long'>x</div>", 101)
    assert not cut.endswith("<") and cut.count("<") == cut.count(">")
    preset = presets.load("generic-text")
    small = build(preset, html, max_input_tokens=300)
    assert small.truncated
    total = sum(estimate_tokens(m["content"]) for m in small.messages)
    assert total <= 300
    assert not build(preset, html, max_input_tokens=1_000_000).truncated


def test_the_spec_names_model_and_endpoint() -> None:
    assert parse_target("llm:ReaderLM-v2@http://127.0.0.1:8000/v1") == (
        "ReaderLM-v2",
        "http://127.0.0.1:8000/v1",
    )
    assert parse_target("llm:org/model@v2@https://h/v1") == ("org/model@v2", "https://h/v1")
    with pytest.raises(ExtractorError, match="llm:MODEL@BASE_URL"):
        parse_target("llm:no-endpoint")


# parameters and identity, before any page runs


def test_parameters_are_checked_before_any_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "http://127.0.0.1:9/v1"  # nothing listens: loading sends no request
    with pytest.raises(ExtractorError, match="did you mean 'preset'"):
        _load(url, presett="generic-text")
    with pytest.raises(ExtractorError, match="'concurrency' must be an integer"):
        _load(url, concurrency="many")
    with pytest.raises(ExtractorError, match="did you mean 'generic-text'"):
        _load(url, preset="generic-txt")
    with pytest.raises(ExtractorError, match="http:// or https://"):
        registry.load("m=llm:stub@127.0.0.1:8000/v1")
    with pytest.raises(ExtractorError, match="price_in_per_mtok must be a number"):
        _load(url, price_in_per_mtok=-1)
    monkeypatch.delenv("BOILERBENCH_TEST_KEY", raising=False)
    with pytest.raises(ExtractorError, match=r"'BOILERBENCH_TEST_KEY'.*not set"):
        _load(url, api_key_env="BOILERBENCH_TEST_KEY")


def test_identity_has_the_model_and_preset_not_the_host_or_the_fetching() -> None:
    def digest(url: str, **params: object) -> str:
        return identity_of(_load(url, **params)).digest

    base = digest("http://127.0.0.1:8000/v1", preset="generic-text")
    assert digest("http://localhost:8000/v1", preset="generic-text") == base
    assert (
        digest(
            "http://127.0.0.1:8000/v1",
            preset="generic-text",
            concurrency=4,
            retries=1,
            timeout=5.0,
            price_in_per_mtok=0.1,
        )
        == base
    )
    assert digest("http://127.0.0.1:8000/v1", preset="generic-markdown") != base
    assert digest("http://127.0.0.1:8000/v1", preset="generic-text", temperature=0.7) != base
    other_model = identity_of(
        registry.load("m=llm:other@http://127.0.0.1:8000/v1", {"preset": "generic-text"})
    )
    assert other_model.digest != base
    ident = identity_of(_load("http://10.1.2.3:8000/v1", preset="generic-text"))
    assert ident.cacheable
    assert "10.1.2.3" not in str(ident.to_json())
    assert ident.to_json()["params"]["preset_sha256"] == presets.load("generic-text").sha256


# requests against the stub


def test_the_answer_unwrapped_is_the_output_and_usage_is_recorded() -> None:
    answer = "Here is the content:\n```markdown\n# Ferry timetable\n\nEvery forty minutes.\n```"
    with StubServer(answer=lambda html: answer) as stub:
        loaded = _load(stub.url, preset="generic-markdown", temperature=0.2, max_tokens=500)
        extractor = loaded.extractor
        assert loaded.extract(PAGE) == "# Ferry timetable\n\nEvery forty minutes."

        async def one() -> tuple[str, dict]:
            async with extractor.session() as client:
                return await extractor.aextract(client, PAGE)

        _text, usage = asyncio.run(one())
        body = stub.bodies[-1]
    assert body["model"] == "stub" and body["temperature"] == 0.2 and body["max_tokens"] == 500
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert "<script" not in prompt_html(body["messages"][-1]["content"])
    assert usage["input_tokens"] > 0 and usage["output_tokens"] == len(answer) // 4
    assert usage["truncated"] is False and usage["attempts"] == 1 and usage["model"] == "stub"


def test_429_is_retried_after_the_retry_after_it_gives() -> None:
    with StubServer(rules=[Rule("429", 1.0, times=2, retry_after="1")]) as stub:
        assert _load(stub.url, preset="generic-text").extract(PAGE)
        (times,) = stub.attempts.values()
    assert len(times) == 3
    assert times[1] - times[0] >= 1.0 and times[2] - times[1] >= 1.0


@pytest.mark.parametrize(
    ("rule", "message", "requests"),
    [
        (Rule("500", 1.0, times=None), r"^500 Internal Server Error: the stub failed \(after 3", 3),
        (
            Rule("429", 1.0, times=None),
            r"^429 Too Many Requests: rate limited.*after 3 attempts",
            3,
        ),
        (Rule("close", 1.0, times=None), r"^connection: RemoteProtocolError.*after 3 attempts", 3),
        (Rule("malformed", 1.0, times=None), r"^200 OK but the body is not JSON", 1),
        (Rule("empty", 1.0, times=None), r"^200 OK but the answer has no choices", 1),
        (Rule("slow", 1.0, times=None, seconds=3), r"^timeout: no answer within 0.5 s", 3),
    ],
)
def test_a_request_that_keeps_failing_is_an_api_error_with_its_reason(
    rule: Rule, message: str, requests: int
) -> None:
    with StubServer(rules=[rule]) as stub:
        loaded = _load(stub.url, preset="generic-text", retries=2, timeout=0.5)
        with pytest.raises(ApiError, match=message) as caught:
            loaded.extract(PAGE)
        assert stub.requests == requests
    assert caught.value.kind == "api"
    if rule.mode == "empty":  # the endpoint counted the prompt: it is recorded
        assert caught.value.usage["input_tokens"] > 0


def test_a_client_error_is_not_retried() -> None:
    with StubServer() as stub:
        wrong = stub.url.replace("/v1", "/v2")
        loaded = registry.load(f"m=llm:stub@{wrong}", {"retries": 3})
        with pytest.raises(ApiError, match=r"^404 Not Found: no route /v2/chat/completions$"):
            loaded.extract(PAGE)
        assert stub.posts == 1


def test_the_api_key_is_sent_and_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOILERBENCH_TEST_KEY", "sk-test-secret-1234")
    with StubServer() as stub:
        loaded = _load(stub.url, api_key_env="BOILERBENCH_TEST_KEY")
        loaded.extract(PAGE)
        assert stub.headers[-1]["Authorization"] == "Bearer sk-test-secret-1234"
    kept = [repr(loaded), repr(vars(loaded.extractor)), str(identity_of(loaded).to_json())]
    assert not any("sk-test-secret" in text for text in kept)


def test_retry_after_and_backoff() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    in_ten = formatdate(1_000_010, usegmt=True)
    assert retry_after_seconds(in_ten, now=1_000_000) == pytest.approx(10.0)
    policy, rng = RetryPolicy(retries=5, base=0.5, cap=4.0), random.Random(0)
    assert policy.delay(0, 2.5, rng) == 2.5  # the server's word wins
    for attempt in range(8):
        assert 0 <= policy.delay(attempt, None, rng) <= min(4.0, 0.5 * 2**attempt)


def test_list_extractors_shows_the_presets_and_their_hashes(cli) -> None:
    listing = cli("list", "extractors").stdout
    for name in presets.names():
        assert name in listing
        assert presets.load(name).sha256[:12] in listing
    assert "Extract the main content from the given HTML" in listing
