{#- Trim every kind of whitespace (space, tab, line feed, carriage return) at both ends: SQL's
    trim() removes spaces only, so `-05:00<TAB>` kept its tab and lost its offset. -#}
{% macro trim_whitespace(text_expression) %}
    {{ return(adapter.dispatch('trim_whitespace', 'support_kpis')(text_expression)) }}
{% endmacro %}

{% macro default__trim_whitespace(text_expression) -%}
    {{ regex_replace(text_expression, '^\s+|\s+$', '') }}
{%- endmacro %}
