{#- The raw text of a contract column, trimmed, blank as NULL, with the column's default applied. -#}
{% macro raw_export_cleaned_text(column) -%}
    {%- if column.default is not none -%}
        coalesce(nullif(trim({{ column.name }}__raw), ''), '{{ column.default }}')
    {%- else -%}
        nullif(trim({{ column.name }}__raw), '')
    {%- endif -%}
{%- endmacro %}
