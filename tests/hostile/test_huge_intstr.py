"""A maxSurge of any size is a short answer, never a run that grows with the number (it once took every byte)."""

import pytest


@pytest.mark.parametrize("value", ["9223372036854775808", "10000", "10000%"])
def test_a_huge_max_surge_on_the_page_is_refused_beside_its_field(full_client, value):
    response = full_client.get("/en/scenarios/rolling-update", params={"max_surge": value})
    assert response.status_code in (200, 400, 422)
    assert "at most 9999" in response.text


def test_a_huge_max_surge_in_the_api_is_refused(client):
    response = client.post("/api/v1/simulations", json={"kind": "rolling-update",
                                                        "params": {"max_surge": "9223372036854775808"}})
    assert response.status_code == 422


def test_the_largest_max_surge_allowed_runs_on_no_more_nodes_than_two_full_replica_sets(client):
    response = client.post("/api/v1/simulations", json={"kind": "rolling-update",
                                                        "params": {"max_surge": "9999%", "replicas": 200}})
    assert response.status_code == 200
    steps = response.json()["steps"]
    assert max(len(step["nodes"]) for step in steps) <= 2 * 200
