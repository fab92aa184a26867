"""A flood of requests with unique unknown query parameters makes no render cache entries and leaves memory flat;
the parameters pages do read (declared, or read by name like a calculator's inputs) are still kept apart."""

import gc
import tracemalloc

import pytest

from app.http import render_cache as render_cache_module
from tests.http.test_render_cache import render_cache

MANY_PARAMS = "&".join(f"k{i}=" for i in range(6000))


def test_unique_unknown_query_parameters_make_no_cache_entries(client):
    cache = render_cache(client).cache
    client.get("/en/concepts")
    kept = len(cache)
    for i in range(50):
        assert client.get(f"/en/concepts?u={i}").status_code == 200
        assert client.get(f"/api/v1/concepts?lang=en&u={i}").status_code == 200
    assert len(cache) == kept


def test_a_flood_of_huge_unique_queries_leaves_memory_flat(client):
    cache = render_cache(client).cache
    client.get(f"/en/concepts?u=warm&{MANY_PARAMS}")  # the first request's one-off costs (templates, imports)
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.take_snapshot()
        for i in range(15):
            assert client.get(f"/en/concepts?u={i}&{MANY_PARAMS}").status_code == 200
        gc.collect()
        grown = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    # Kept, these 15 requests held about 38 MB (2.5 MB each, with no bound but the entry count of 2048).
    assert grown < 4 * 1024 * 1024, grown
    assert len(cache) <= 1
    assert render_cache_module._short_params.cache_info().currsize <= 1024


@pytest.mark.parametrize("path", ["/en/concepts?tag=docker", "/en/calculators/hpa?current_replicas=3",
                                  "/en/concepts?theme=dark"])
def test_parameters_a_page_reads_are_still_kept(client, path):
    cache = render_cache(client).cache
    before = len(cache)
    assert client.get(path).status_code == 200
    assert len(cache) == before + 1
