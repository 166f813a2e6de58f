{#- ref() and source() without the database on DuckDB. dbt-duckdb names the database after the
    file, so a view that said "support_kpis"."marts"."kpi_daily" failed with a catalog error once
    the file was copied or renamed; a view naming only schema and table binds in its own file,
    whatever it is called. A relation in another attached database keeps its database. -#}
{% macro ref() %}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if varargs | length == 1 -%}
        {%- set relation = builtins.ref(varargs[0], version=version) -%}
    {%- else -%}
        {%- set relation = builtins.ref(varargs[0], varargs[1], version=version) -%}
    {%- endif -%}
    {{ return(relation_in_own_catalog(relation)) }}
{% endmacro %}

{% macro source(source_name, table_name) %}
    {{ return(relation_in_own_catalog(builtins.source(source_name, table_name))) }}
{% endmacro %}

{% macro relation_in_own_catalog(relation) %}
    {%- if target.type == 'duckdb' and relation is not none and relation.database is not none
        and relation.database | lower == target.database | lower -%}
        {{ return(relation.include(database=false)) }}
    {%- endif -%}
    {{ return(relation) }}
{% endmacro %}
