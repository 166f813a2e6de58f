{#- Every row of one connector table, from every connection, with `source_relation` (the
    connection's name) and each column of the table's declaration as text. A declared column the
    relation lacks is NULL; a missing required column stops the build naming table and column.
    A missing optional table gives no rows. Works on any warehouse (the relation's columns are
    read from the database). -#}
{% macro connector_source_rows(system, table_name) %}
    {%- if not execute -%}
        {#- parsing: the graph (and so the table declaration) is not there yet -#}
        {{ return('select cast(null as ' ~ dbt.type_string() ~ ') as source_relation') }}
    {%- endif -%}
    {%- set table = connector_table(system, table_name) -%}
    {%- set selects = [] -%}
    {%- for connection in connector_connections(system) -%}
        {%- set relation = adapter.get_relation(database=connection.database, schema=connection.schema, identifier=table_name) -%}
        {%- if relation is none and table.required -%}
            {{ exceptions.raise_compiler_error("support_kpis: required " ~ system ~ " table '" ~ table_name ~ "' not found in " ~ connection.database ~ "." ~ connection.schema ~ " (connection '" ~ connection.name ~ "'), and no '" ~ table_name ~ ".csv' (or .parquet) in its raw_path '" ~ connection.raw_path ~ "'") }}
        {%- endif -%}
        {%- if relation is not none -%}
            {%- set by_name = {} -%}
            {%- for column in adapter.get_columns_in_relation(relation) -%}
                {%- do by_name.update({column.name | trim | lower: column.name}) -%}
            {%- endfor -%}
            {%- set select_list = ["cast('" ~ connection.name ~ "' as " ~ dbt.type_string() ~ ") as source_relation"] -%}
            {%- for column in table.columns -%}
                {%- if column.name in by_name -%}
                    {%- do select_list.append("cast(" ~ adapter.quote(by_name[column.name]) ~ " as " ~ dbt.type_string() ~ ") as " ~ column.name) -%}
                {%- elif column.required -%}
                    {{ exceptions.raise_compiler_error("support_kpis: " ~ system ~ " table '" ~ table_name ~ "' (connection '" ~ connection.name ~ "') is missing required column '" ~ column.name ~ "'") }}
                {%- else -%}
                    {%- do select_list.append("cast(null as " ~ dbt.type_string() ~ ") as " ~ column.name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do selects.append("select " ~ select_list | join(", ") ~ " from " ~ relation) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if selects | length == 0 -%}
        select
            cast(null as {{ dbt.type_string() }}) as source_relation
            {%- for column in table.columns %},
            cast(null as {{ dbt.type_string() }}) as {{ column.name }}
            {%- endfor %}
        where 1 = 0
    {%- else -%}
        {{ selects | join("\nunion all\n") }}
    {%- endif -%}
{% endmacro %}
