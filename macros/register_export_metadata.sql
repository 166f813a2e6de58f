{#- Called by on-run-start. Makes the table raw.export_metadata (a copy, like the raw exports): the rows of <raw_path>/export_metadata.csv
    (or .parquet), column `exported_at` as text, or no rows when there is no such file. The file is
    optional; it tells the warehouse when the data was exported (as_of, see int_export_as_of). -#}
{% macro register_export_metadata() %}
    {{ return(adapter.dispatch('register_export_metadata', 'support_kpis')()) }}
{% endmacro %}

{% macro default__register_export_metadata() %}
    {#- Other warehouses: load raw.export_metadata with your EL tool if you have it; optional. -#}
    {{ return('select 1') }}
{% endmacro %}

{% macro duckdb__register_export_metadata() %}
    {%- if not execute -%}{{ return('select 1') }}{%- endif -%}
    {%- set folder = var('raw_path') | string | replace("'", "''") -%}
    {%- set found = [] -%}
    {%- for file_format in ['csv', 'parquet'] -%}
        {%- set path = folder ~ '/export_metadata.' ~ file_format -%}
        {%- if run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] > 0 -%}
            {%- do found.append({'path': path, 'format': file_format}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found | length > 1 -%}
        {{ exceptions.raise_compiler_error("support_kpis: both 'export_metadata.csv' and 'export_metadata.parquet' are in raw_path '" ~ folder ~ "': keep one") }}
    {%- endif -%}
    {%- do run_query("create schema if not exists raw") -%}
    {%- if found | length == 0 -%}
        {%- do run_query("create or replace table raw.export_metadata as select cast(null as varchar) as exported_at where false") -%}
    {%- else -%}
        {%- set file = found[0] -%}
        {%- if file.format == 'csv' -%}
            {%- set reader = "read_csv('" ~ file.path ~ "', header = true, all_varchar = true)" -%}
        {%- else -%}
            {%- set reader = "read_parquet('" ~ file.path ~ "')" -%}
        {%- endif -%}
        {%- set columns = [] -%}
        {%- for name in run_query("describe select * from " ~ reader).columns[0].values() -%}
            {%- do columns.append(name) -%}
        {%- endfor -%}
        {%- set matching = [] -%}
        {%- for name in columns if name | trim | lower == 'exported_at' -%}
            {%- do matching.append(name) -%}
        {%- endfor -%}
        {%- if matching | length == 0 -%}
            {{ exceptions.raise_compiler_error("support_kpis: file '" ~ file.path ~ "' is missing required column 'exported_at'") }}
        {%- endif -%}
        {%- do run_query('create or replace table raw.export_metadata as select cast("' ~ matching[0] ~ '" as varchar) as exported_at from ' ~ reader) -%}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}
