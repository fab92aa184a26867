"""Small builders for simulator tests: an engine with one cluster already running a Deployment."""

import pytest

from app.sim.cluster import KubeCluster
from app.sim.engine import Engine


@pytest.fixture
def make_cluster():
    """Build (engine, cluster) with `nodes` nodes and a running Deployment `web` of `replicas` pods."""

    def build(nodes=3, replicas=3, seed=0, rps=100.0, toleration_seconds=300, **deploy):
        engine = Engine("en", seed)
        cluster = engine.add(KubeCluster(engine, toleration_seconds=toleration_seconds))
        for i in range(nodes):
            cluster.add_node(f"node-{i + 1}")
        if replicas:
            cluster.deploy("web", replicas, "v1", running=True, rps=rps, **deploy)
        engine.flush()
        return engine, cluster

    return build
