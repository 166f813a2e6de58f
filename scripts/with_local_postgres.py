"""Run one command against a throw-away local Postgres: `python scripts/with_local_postgres.py
CMD ARG...` starts one (initdb into a temp folder, pg_ctl on a free 127.0.0.1 port), runs CMD
with SUPPORT_KPIS_PG_* set for it, stops the server and removes the folder, and exits with
CMD's exit code. For `make test`; nothing needs to be running beforehand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from support_kpis.engines import local_postgres  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    with local_postgres() as env:
        return subprocess.run(argv, env={**os.environ, **env}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
