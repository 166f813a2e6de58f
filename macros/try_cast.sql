{#- Cast that yields NULL instead of failing, so a bad value becomes a reject with a reason.
    DuckDB has try_cast. Elsewhere a text value is cast only when it has the shape the type reads
    (a plain cast of a bad value stops the whole build on Postgres): integers `[+-]digits` (at most
    9 significant digits), numbers `[+-]digits[.digits][e[+-]dd]` (finite, at most 15 digits
    before the point and 30 after, so no overflow or underflow); other types are cast as is. -#}
{% macro try_cast(expression, data_type) -%}
    {{ return(adapter.dispatch('try_cast', 'support_kpis')(expression, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, data_type) -%}
    {%- set kind = data_type | lower -%}
    {%- if kind in ['integer', 'int', 'int4', 'bigint', 'int8'] -%}
        case when {{ regex_matches(expression, '^[+-]?0*\d{1,9}$') }} then cast({{ expression }} as {{ data_type }}) end
    {%- elif kind in ['double precision', 'double', 'float8', 'float'] -%}
        case when {{ regex_matches(expression, '^[+-]?(\d{1,15}(\.\d{0,30})?|\.\d{1,30})([eE][+-]?\d{1,2})?$') }} then cast({{ expression }} as {{ data_type }}) end
    {%- else -%}
        {{ dbt.safe_cast(expression, data_type) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__try_cast(expression, data_type) -%}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}
