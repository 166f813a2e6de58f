{#- Number of rows where the condition is true, as a bigint (a bare sum of 1/0 is a 128-bit
    HUGEINT on DuckDB, which BI tools and pandas read as float). -#}
{% macro count_where(condition) -%}
    cast(sum(case when {{ condition }} then 1 else 0 end) as {{ dbt.type_bigint() }})
{%- endmacro %}
