{#- An id from a connector table, kept apart from the same id of another connection: prefixed
    with `<source_relation>:` when several connections are unioned, unchanged otherwise.
    `source_relation`: the column naming the connection (qualify it in a join). -#}
{% macro connector_id(system, expression, source_relation='source_relation') -%}
    {%- if connector_connections(system)[0].is_union -%}
        case when {{ expression }} is not null then {{ dbt.concat([source_relation, "':'", expression]) }} end
    {%- else -%}
        {{ expression }}
    {%- endif -%}
{%- endmacro %}
