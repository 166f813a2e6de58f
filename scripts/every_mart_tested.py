"""Fail when a mart has no data test, from a dbt-coverage test report (coverage.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(report_path: str) -> int:
    tables = json.loads(Path(report_path).read_text(encoding="utf-8"))["tables"]
    untested = sorted(table["name"] for table in tables if not table["hits"])
    if untested:
        print(f"marts without a data test: {', '.join(untested)}", file=sys.stderr)
        return 1
    print(f"every mart has a data test ({len(tables)} marts)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/coverage-test.json"))
