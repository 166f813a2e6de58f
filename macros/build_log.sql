{#- raw.build_log: one row per `dbt build` / `dbt run`, written when it starts (status `running`)
    and updated when it ends (`success`, `tests_failed`, or `models_failed` when a model errored
    or was skipped, so some tables may still be from an earlier build). A build killed half way
    stays `running`; `support-kpis check-marts` fails on both. The export it read is recorded by
    its files, sizes and a fingerprint (md5 of names, sizes and modification times). -#}
{% macro record_build_start() %}
    {{ return(adapter.dispatch('record_build_start', 'support_kpis')()) }}
{% endmacro %}

{% macro record_build_end(results) %}
    {{ return(adapter.dispatch('record_build_end', 'support_kpis')(results)) }}
{% endmacro %}

{% macro default__record_build_start() %}
    {{ return('select 1') }}
{% endmacro %}

{% macro default__record_build_end(results) %}
    {{ return('select 1') }}
{% endmacro %}

{% macro build_log_records_this_command() %}
    {{ return(execute and flags.WHICH in ['build', 'run']) }}
{% endmacro %}

{% macro duckdb__record_build_start() %}
    {%- if not build_log_records_this_command() -%}{{ return('select 1') }}{%- endif -%}
    {%- do run_query(
        "create table if not exists raw.build_log (build_id varchar, command varchar, "
        ~ "started_at timestamp, finished_at timestamp, status varchar, raw_path varchar, "
        ~ "export_files varchar, export_fingerprint varchar)"
    ) -%}
    {%- set paths = run_query("select file_path from raw.export_inventory where is_present order by file_path").columns[0].values() -%}
    {%- set quoted = [] -%}
    {%- for path in paths -%}
        {%- do quoted.append("'" ~ path | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {%- do run_query(
        "insert into raw.build_log select '" ~ invocation_id ~ "', '" ~ flags.WHICH ~ "', "
        ~ "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as timestamp), null, 'running', "
        ~ "'" ~ var('raw_path') | string | replace("'", "''") ~ "', "
        ~ "string_agg(filename || ' (' || size || ' bytes)', ', ' order by filename), "
        ~ "md5(string_agg(filename || ':' || size || ':' || cast(last_modified as varchar), ';' order by filename)) "
        ~ "from read_blob(cast([" ~ quoted | join(', ') ~ "] as varchar[]))"
    ) -%}
    {{ return('select 1') }}
{% endmacro %}

{% macro duckdb__record_build_end(results) %}
    {%- if not build_log_records_this_command() -%}{{ return('select 1') }}{%- endif -%}
    {%- set ns = namespace(models_failed=false, tests_failed=false) -%}
    {%- for result in results -%}
        {%- set status = result.status | string | lower -%}
        {%- if result.node.resource_type in ['model', 'seed', 'snapshot'] and status in ['error', 'skipped', 'runstatus.error', 'runstatus.skipped'] -%}
            {%- set ns.models_failed = true -%}
        {%- elif status in ['fail', 'error', 'teststatus.fail', 'teststatus.error'] -%}
            {%- set ns.tests_failed = true -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set status = 'models_failed' if ns.models_failed else ('tests_failed' if ns.tests_failed else 'success') -%}
    {%- do run_query(
        "update raw.build_log set finished_at = cast('" ~ modules.datetime.datetime.utcnow().strftime('%Y-%m-%d %H:%M:%S.%f')
        ~ "' as timestamp), status = '" ~ status ~ "' where build_id = '" ~ invocation_id ~ "'"
    ) -%}
    {{ return('select 1') }}
{% endmacro %}
