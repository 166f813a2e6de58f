{#- Regular expressions, the same pattern text on every warehouse (write \d, \s, {m,n}; the
    Spark version doubles the backslashes its string literals would eat).
    regex_matches: true when the pattern matches anywhere in the text (anchor it with ^ $).
    regex_replace: every match replaced; the replacement names groups as \1, \2. -#}
{% macro regex_matches(text_expression, pattern) -%}
    {{ return(adapter.dispatch('regex_matches', 'support_kpis')(text_expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_matches(text_expression, pattern) -%}
    ({{ text_expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regex_matches(text_expression, pattern) -%}
    regexp_matches({{ text_expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_matches(text_expression, pattern) -%}
    ({{ text_expression }} rlike '{{ pattern | replace("\\", "\\\\") }}')
{%- endmacro %}

{% macro regex_replace(text_expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace', 'support_kpis')(text_expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace(text_expression, pattern, replacement) -%}
    regexp_replace({{ text_expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace(text_expression, pattern, replacement) -%}
    regexp_replace(
        {{ text_expression }},
        '{{ pattern | replace("\\", "\\\\") }}',
        '{{ modules.re.sub("\\\\(\\d)", "$\\1", replacement) | replace("\\", "\\\\") }}'
    )
{%- endmacro %}
