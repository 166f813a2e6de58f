"""`dbt ARGS...` with a manifest parsed earlier: python dbt_with_parsed_manifest.py MSGPACK ARGS...

MSGPACK is the `partial_parse.msgpack` a `dbt parse` of this project wrote. dbt is given that
manifest, as `support-kpis validate` gives it the one it parsed first, so this invocation skips
the parse (most of a small build's time) and otherwise runs, logs and exits as `dbt` does:
0 when it succeeded, 1 when a node failed, 2 when dbt itself stopped."""

from __future__ import annotations

import sys

from dbt.cli.main import dbtRunner
from dbt.contracts.graph.manifest import Manifest
from dbt.parser.manifest import extended_mashumuro_decoder


def load_manifest(manifest_path: str) -> Manifest:
    with open(manifest_path, "rb") as handle:
        manifest = Manifest.from_msgpack(handle.read(), decoder=extended_mashumuro_decoder)
    # what dbt derives after its own parse: the graph the selectors walk, and `graph` in Jinja
    manifest.build_parent_and_child_maps()
    manifest.build_flat_graph()
    return manifest


def invoke(manifest: Manifest, args: list[str]) -> int:
    result = dbtRunner(manifest=manifest).invoke(args)
    if result.success:
        return 0
    return 2 if result.exception is not None else 1


if __name__ == "__main__":
    sys.exit(invoke(load_manifest(sys.argv[1]), sys.argv[2:]))
