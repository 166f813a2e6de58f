{#- True when text holds a control character other than tab, line feed and carriage return
    (which are whitespace: trimmed at the ends, `_` inside a label). A NUL inside `bil\0ling`
    would otherwise make a new category nobody can see. -#}
{% macro has_control_character(text_expression) %}
    {{ return(adapter.dispatch('has_control_character', 'support_kpis')(text_expression)) }}
{% endmacro %}

{% macro default__has_control_character(text_expression) -%}
    coalesce({{ regex_matches(text_expression, '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]') }}, false)
{%- endmacro %}

{% macro duckdb__has_control_character(text_expression) -%}
    coalesce(regexp_matches({{ text_expression }}, '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]'), false)
{%- endmacro %}
