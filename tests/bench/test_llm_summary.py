"""Tokens, cost and throughput of an ``llm:`` extractor in the summary, computed by hand."""

from __future__ import annotations

import pytest

from bench.records import PageResult
from bench.summary import usage
from bench.summary_records import ExtractorSummary, Outputs, Speed, Usage


def _page(
    page: str, seconds: float, finished: float, tokens: tuple[int | None, int | None], **more
) -> PageResult:
    record = {"model": "m", "truncated": False, "finished": finished}
    record.update(input_tokens=tokens[0], output_tokens=tokens[1], **more.pop("usage", {}))
    return PageResult(page, "llm", seconds, 10, "x", usage=record, **more)


def test_tokens_cost_and_time_in_flight_by_hand() -> None:
    results = [
        _page("a", 2.0, 102.0, (1000, 100)),  # in flight 100–102
        _page("b", 1.0, 101.5, (3000, 300), usage={"truncated": True}),  # 100.5–101.5
        _page("c", 1.0, 110.0, (None, None), error="api: 500 x"),  # 109–110, not counted
        _page("d", 4.0, 50.0, (500, 50), cached=True),  # tokens yes, time no
        PageResult("e", "llm", 0.1, 0, None, error="input: empty page"),  # no usage at all
    ]
    got = usage(results, {"price_in_per_mtok": 0.5, "price_out_per_mtok": 2})
    assert got is not None
    assert (got.tokens_in, got.tokens_out, got.tokens_pages) == (4500, 450, 3)
    assert got.cost_usd == pytest.approx((4500 * 0.5 + 450 * 2) / 1e6)
    assert got.cost_per_1000_pages == pytest.approx(got.cost_usd / 5 * 1000)
    assert got.truncated_inputs == 1 and got.truncated_outputs == 0
    assert got.pages_per_s_in_flight == pytest.approx(3 / 3.0)  # 2 s + 1 s busy, 3 pages


def test_no_price_no_cost_one_price_counts_the_other_as_zero() -> None:
    results = [_page("a", 1.0, 10.0, (2_000_000, 1_000_000))]
    assert usage(results, {}).cost_usd is None
    assert usage(results, {"price_out_per_mtok": 1.5}).cost_usd == pytest.approx(1.5)
    assert usage([PageResult("a", "x", 1.0, 5, "y")], {"price_in_per_mtok": 1}) is None


def test_usage_is_stored_flat_in_the_summary_row_and_read_back() -> None:
    row = ExtractorSummary(
        extractor="llm",
        spec="llm:m@http://127.0.0.1:1/v1",
        version="m",
        params={},
        n_pages=2,
        failures=0,
        failure_kinds={},
        empty=0,
        network_attempts=0,
        speed=Speed(),
        outputs=Outputs(),
        scores={},
        usage=Usage(tokens_in=10, tokens_out=2, tokens_pages=2, cost_usd=0.5),
    )
    stored = row.to_json("corpus", None)
    assert stored["tokens_in"] == 10 and stored["cost_usd"] == 0.5
    assert ExtractorSummary.from_json(stored).usage == row.usage
    without = {k: v for k, v in stored.items() if k not in Usage.__dataclass_fields__}
    assert ExtractorSummary.from_json(without).usage is None
