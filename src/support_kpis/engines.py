"""Postgres and Spark: a local server or session when none is given, and `load`, which puts a
contract folder (CSV/Parquet) into schema `raw` as text tables, the way an EL tool would.

The connection comes from the same environment variables as profiles/profiles.yml
(SUPPORT_KPIS_PG_HOST, _PORT, _USER, _PASSWORD, _DATABASE; SUPPORT_KPIS_SPARK_WAREHOUSE).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from support_kpis.contract import Entity, load_contract

PG_BIN = Path(os.environ.get("SUPPORT_KPIS_PG_BIN", "/usr/lib/postgresql/15/bin"))
ENGINES = ("duckdb", "postgres", "spark")
# the DuckDB hook's CSV options (macros/register_raw_exports.sql): the same text on every engine
_MAX_LINE_BYTES = 33554432
CSV_OPTIONS = (
    f"header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
    f"max_line_size = {_MAX_LINE_BYTES}, buffer_size = {2 * _MAX_LINE_BYTES}"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def local_postgres() -> Iterator[dict[str, str]]:
    """A throw-away Postgres 15 (initdb into a temp folder as user postgres, pg_ctl on a free
    127.0.0.1 port); yields the SUPPORT_KPIS_PG_* variables; stopped and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="support_kpis_pg_"))
    data = folder / "data"
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    try:
        subprocess.run(
            [
                *as_postgres,
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale",
                "C",
            ],
            check=True,
            capture_output=True,
            cwd=folder,
        )
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC"
        )
        subprocess.run(
            [
                *as_postgres,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
            cwd=folder,
        )
        yield {
            "SUPPORT_KPIS_PG_HOST": "127.0.0.1",
            "SUPPORT_KPIS_PG_PORT": str(port),
            "SUPPORT_KPIS_PG_USER": "postgres",
            "SUPPORT_KPIS_PG_PASSWORD": "",
            "SUPPORT_KPIS_PG_DATABASE": "postgres",
        }
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                capture_output=True,
                cwd=folder,
            )
        shutil.rmtree(folder, ignore_errors=True)


def pg_connect(env: dict[str, str] | None = None) -> Any:
    import psycopg2

    env = {**os.environ, **(env or {})}
    return psycopg2.connect(
        host=env.get("SUPPORT_KPIS_PG_HOST", "127.0.0.1"),
        port=int(env.get("SUPPORT_KPIS_PG_PORT", "5432")),
        user=env.get("SUPPORT_KPIS_PG_USER", "postgres"),
        password=env.get("SUPPORT_KPIS_PG_PASSWORD", ""),
        dbname=env.get("SUPPORT_KPIS_PG_DATABASE", "postgres"),
    )


def spark_warehouse(env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **(env or {})}
    return env.get("SUPPORT_KPIS_SPARK_WAREHOUSE", "target/spark-warehouse")


def spark_session(env: dict[str, str] | None = None) -> Any:
    """A local Spark session configured like the `spark` target of profiles/profiles.yml (the
    same warehouse folder and Hive metastore, UTC, non-ANSI casts as dbt-spark sets them)."""
    from pyspark.sql import SparkSession

    warehouse = spark_warehouse(env)
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in {
        "spark.master": "local[2]",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": "1",
        "spark.sql.adaptive.enabled": "false",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.ansi.enabled": "false",
        "spark.sql.warehouse.dir": warehouse,
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={warehouse}/metastore_db;create=true"
        ),
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={warehouse}",
    }.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _find_file(raw_dir: Path, entity: Entity) -> tuple[Path, str] | None:
    found = [
        (raw_dir / f"{entity.name}.{ext}", ext)
        for ext in ("csv", "parquet")
        if (raw_dir / f"{entity.name}.{ext}").is_file()
    ]
    if len(found) > 1:
        raise ValueError(
            f"both '{entity.name}.csv' and '{entity.name}.parquet' are in {raw_dir}: keep one"
        )
    return found[0] if found else None


def read_contract_folder(
    raw_dir: Path, project_dir: Path | None = None
) -> dict[str, tuple[list[str], Any] | None]:
    """Per entity: (contract columns present in the file, an all-text Arrow table of them), or
    None when the file is absent. Headers match after trimming and lower-casing, as in dbt;
    extra columns are dropped; absent columns are left for dbt to name (or add as NULL)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise ValueError(f"not a folder: {raw_dir}")
    connection = duckdb.connect()
    result: dict[str, tuple[list[str], Any] | None] = {}
    for entity in load_contract(project_dir).values():
        found = _find_file(raw_dir, entity)
        if found is None:
            result[entity.name] = None
            continue
        path, file_format = found
        quoted = str(path).replace("'", "''")
        reader = (
            f"read_csv('{quoted}', {CSV_OPTIONS})"
            if file_format == "csv"
            else f"read_parquet('{quoted}')"
        )
        try:
            names = [
                row[0] for row in connection.execute(f"describe select * from {reader}").fetchall()
            ]
        except duckdb.Error as exc:
            raise ValueError(f"file '{path}' cannot be read: {exc}") from exc
        by_name = {name.strip().lower(): name for name in names}
        present = [c.name for c in entity.columns if c.name in by_name]
        select = ", ".join(f'cast("{by_name[name]}" as varchar) as "{name}"' for name in present)
        table = connection.execute(f"select {select} from {reader}").to_arrow_table()
        result[entity.name] = (present, table)
    return result


def _replace_tables(
    frames: dict[str, tuple[list[str], Any] | None],
    drop: Callable[[str], None],
    create: Callable[[str, list[str], Any], None],
) -> dict[str, int | None]:
    """Per entity: drop its table, then create and fill it again when its file is there.
    Returns rows loaded per entity (None: absent)."""
    counts: dict[str, int | None] = {}
    for name, loaded in frames.items():
        drop(name)
        if loaded is None:
            counts[name] = None
            continue
        columns, table = loaded
        create(name, columns, table)
        counts[name] = table.num_rows
    return counts


def load_postgres(
    raw_dir: Path,
    schema: str = "raw",
    env: dict[str, str] | None = None,
    project_dir: Path | None = None,
) -> dict:
    """Replace the contract tables in `schema` with the folder's files (COPY, all columns
    text); an absent file drops its table. Returns rows loaded per entity (None: absent)."""
    import pyarrow.csv as pacsv

    frames = read_contract_folder(raw_dir, project_dir)
    with contextlib.closing(pg_connect(env)) as connection, connection.cursor() as cursor:
        cursor.execute(f'create schema if not exists "{schema}"')

        def drop(name: str) -> None:
            cursor.execute(f'drop table if exists "{schema}"."{name}" cascade')

        def create(name: str, columns: list[str], table: Any) -> None:
            cursor.execute(
                f'create table "{schema}"."{name}" ('
                + ", ".join(f'"{column}" text' for column in columns)
                + ")"
            )
            buffer = io.BytesIO()
            # quote every non-null value: an unquoted empty field is NULL, "" an empty string
            pacsv.write_csv(
                table, buffer, pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
            )
            buffer.seek(0)
            cursor.copy_expert(f'copy "{schema}"."{name}" from stdin with (format csv)', buffer)

        counts = _replace_tables(frames, drop, create)
        connection.commit()
    return counts


def load_spark(
    raw_dir: Path,
    schema: str = "raw",
    env: dict[str, str] | None = None,
    session: Any = None,
    project_dir: Path | None = None,
) -> dict:
    """Replace the contract tables in database `schema` with the folder's files (Parquet
    tables, all columns string); an absent file drops its table."""
    frames = read_contract_folder(raw_dir, project_dir)
    spark = session or spark_session(env)
    spark.sql(f"create database if not exists `{schema}`")
    with tempfile.TemporaryDirectory(prefix="support_kpis_load_") as folder:
        import pyarrow.parquet as pq

        def drop(name: str) -> None:
            spark.sql(f"drop table if exists `{schema}`.`{name}`")

        def create(name: str, columns: list[str], table: Any) -> None:
            path = Path(folder) / f"{name}.parquet"
            pq.write_table(table, path)
            frame = spark.read.parquet(str(path)).select(*columns)
            frame.write.format("parquet").mode("overwrite").saveAsTable(f"`{schema}`.`{name}`")

        return _replace_tables(frames, drop, create)


def load(
    raw_dir: Path,
    target: str,
    schema: str = "raw",
    env: dict[str, str] | None = None,
    project_dir: Path | None = None,
) -> dict:
    """`support-kpis load`: rows loaded per entity (None: absent) and `_seconds`."""
    started = time.monotonic()
    if target == "postgres":
        counts: dict[str, Any] = load_postgres(raw_dir, schema, env, project_dir)
    elif target == "spark":
        counts = load_spark(raw_dir, schema, env, project_dir=project_dir)
    else:
        raise ValueError(f"load is for postgres or spark (DuckDB reads the files): {target!r}")
    counts["_seconds"] = round(time.monotonic() - started, 1)
    return counts
