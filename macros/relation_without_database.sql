{#- On DuckDB the warehouse file is attached under a fixed name (profiles.yml), and the views it
    holds name their inputs as schema.table only, so the file opens under any name, from any
    folder: `duckdb copy.duckdb` resolves them in its own catalog. -#}
{% macro relation_without_database(relation) %}
    {%- if target.type == 'duckdb' and relation.include is defined -%}
        {{ return(relation.include(database=false)) }}
    {%- endif -%}
    {{ return(relation) }}
{% endmacro %}

{% macro ref() %}
    {%- set version = kwargs.get('version') or kwargs.get('v') -%}
    {%- if (varargs | length) == 1 -%}
        {%- set relation = builtins.ref(varargs[0], version=version) -%}
    {%- else -%}
        {%- set relation = builtins.ref(varargs[0], varargs[1], version=version) -%}
    {%- endif -%}
    {{ return(relation_without_database(relation)) }}
{% endmacro %}

{% macro source(source_name, table_name) %}
    {{ return(relation_without_database(builtins.source(source_name, table_name))) }}
{% endmacro %}
