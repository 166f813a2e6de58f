{#- The raw text of a contract column, trimmed of any whitespace (tab and newline too), blank as
    NULL, with the column's default applied. -#}
{% macro raw_export_cleaned_text(column) -%}
    {%- if column.default is not none -%}
        coalesce(nullif({{ trim_whitespace(column.name ~ '__raw') }}, ''), '{{ column.default }}')
    {%- else -%}
        nullif({{ trim_whitespace(column.name ~ '__raw') }}, '')
    {%- endif -%}
{%- endmacro %}
