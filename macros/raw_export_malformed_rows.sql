{#- The CSV lines of one entity that could not be read as a row (too few or too many fields,
    broken quoting), from raw.export_malformed_rows, which the DuckDB on-run-start hook writes.
    Other warehouses load raw tables with their own tools: no such rows, nothing to add. -#}
{% macro raw_export_malformed_relation() %}
    {{ return(adapter.dispatch('raw_export_malformed_relation', 'support_kpis')()) }}
{% endmacro %}

{% macro default__raw_export_malformed_relation() %}
    {{ return(none) }}
{% endmacro %}

{% macro duckdb__raw_export_malformed_relation() %}
    {{ return(source('raw_inventory', 'export_malformed_rows')) }}
{% endmacro %}

{#- `union all by name` rows for the base model: one `malformed_row` reject per bad line, keyed by
    its line number; raw_values says what is wrong, never what the line holds. -#}
{% macro raw_export_malformed_rows(entity_name, relation) -%}
    {%- if relation is not none %}
union all by name

select
    'line ' || cast(line as varchar) as record_key,
    'line ' || cast(line as varchar) || ': ' || problem as raw_values,
    'malformed_row' as reject_reason,
    'line' as reject_column,
    1 as row_copies,
    1 as distinct_rows_of_key
from {{ relation }}
where entity = '{{ entity_name }}'
    {%- endif %}
{%- endmacro %}

{#- How many raw lines of one entity were malformed (0 where no hook writes them). -#}
{% macro raw_export_malformed_count(entity_name) -%}
    {%- set relation = raw_export_malformed_relation() -%}
    {%- if relation is none -%}
        0
    {%- else -%}
        (select count(*) from {{ relation }} where entity = '{{ entity_name }}')
    {%- endif -%}
{%- endmacro %}
