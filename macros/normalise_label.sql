{#- Lower-case, trim, and turn each inner run of spaces and hyphens into one `_`:
    'Web - Chat' -> 'web_chat'. -#}
{% macro normalise_label(text_expression) -%}
    {{ regex_replace('lower(trim(' ~ text_expression ~ '))', '[\s-]+', '_') }}
{%- endmacro %}
