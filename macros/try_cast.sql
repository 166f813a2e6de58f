{#- Cast that yields NULL instead of failing, so a bad value becomes a reject with a reason. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'support_kpis')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    {{ dbt.safe_cast(expression, data_type) }}
{%- endmacro %}

{% macro duckdb__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
