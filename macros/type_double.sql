{#- Double precision, for every ratio and duration. (type_double() is a 4-byte float on DuckDB.) -#}
{% macro type_double() -%}
    double precision
{%- endmacro %}
