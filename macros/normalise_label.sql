{#- Lower-case, trim, and turn each inner run of spaces and hyphens into one `_`:
    'Web - Chat' -> 'web_chat'. -#}
{% macro normalise_label(text_expression) -%}
    regexp_replace(lower(trim({{ text_expression }})), '[\s-]+', '_', 'g')
{%- endmacro %}
