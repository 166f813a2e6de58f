"""A process that has imported dbt once and forks a child for each dbt run of a test process.

Importing dbt and decoding a parsed manifest cost about 4 CPU-s, which every run through
dbt_with_parsed_manifest.py pays again. This process pays them once per manifest. It reads one
request per line on stdin, as JSON: manifest (a partial-parse file), args, cwd, env, and stdout
and stderr (files for the child's output). For each it forks a child that is that launcher in a
process of its own: its own environment (TZ applied), working directory and output files, exiting
as dbt returns. It answers with two lines: {"pid": ...} when the child started, then
{"returncode": ...} as subprocess reports it (negative when a signal killed the child).

It never imports DuckDB, pyarrow or anything else that starts a thread (each child imports the
adapter itself), so every fork copies a process of one thread: no lock can be left held."""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import traceback

from dbt.contracts.graph.manifest import Manifest

from dbt_with_parsed_manifest import invoke, load_manifest


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def _child(request: dict, manifest: Manifest) -> int:
    """The launcher's run in the child. Its exit code; the child then leaves Python as any
    process does, which closes DuckDB (a checkpoint of the warehouse file, as plain dbt makes)."""
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(target, fd)
            os.close(target)
        return invoke(manifest, request["args"])
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001  (as the launcher's traceback and exit 1 would be)
        traceback.print_exc()
        return 1


def main() -> None:
    manifests: dict[str, Manifest] = {}
    for line in sys.stdin:
        request = json.loads(line)
        if request["manifest"] not in manifests:
            manifests[request["manifest"]] = load_manifest(request["manifest"])
            # the children never collect these objects, so their pages stay shared
            gc.freeze()
        if _threads() != 1:
            raise RuntimeError(f"dbt_fork_server: {_threads()} threads; forking it is not safe")
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            sys.exit(_child(request, manifests[request["manifest"]]))
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    main()
