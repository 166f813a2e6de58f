{#- A double rounded to `digits` decimals, half away from zero, as DuckDB's round(double, n)
    computes it (round(x * 10^n) / 10^n in floating point), so every warehouse gives the same
    last digit: Postgres has no round(double, n), and Spark's rounds the decimal text. -#}
{% macro round_double(expression, digits) -%}
    {{ return(adapter.dispatch('round_double', 'support_kpis')(expression, digits)) }}
{%- endmacro %}

{% macro default__round_double(expression, digits) -%}
    {%- set scale = 10 ** digits -%}
    (sign({{ expression }}) * floor(abs({{ expression }}) * {{ scale }}.0 + 0.5) / {{ scale }}.0)
{%- endmacro %}

{% macro duckdb__round_double(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}
