{#- Double precision, for every ratio and duration. (type_double() is a 4-byte float on DuckDB.) -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'support_kpis')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}
