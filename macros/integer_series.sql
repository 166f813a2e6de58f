{#- A relation with one column `step_index`: the integers 0..upper_bound (inclusive, at most 999),
    one per row. dbt has no series macro offline; DuckDB has `range()`, other warehouses build it
    from a cross join of digits. Used for the confidence-threshold grid. -#}
{% macro integer_series(upper_bound) -%}
    {{ return(adapter.dispatch('integer_series', 'support_kpis')(upper_bound)) }}
{%- endmacro %}

{% macro default__integer_series(upper_bound) -%}
    select step_index
    from (
        select units.digit + 10 * tens.digit + 100 * hundreds.digit as step_index
        from (
            {% for digit in range(10) %}select {{ digit }} as digit{{ ' union all ' if not loop.last }}{% endfor %}
        ) as units
        cross join (
            {% for digit in range(10) %}select {{ digit }} as digit{{ ' union all ' if not loop.last }}{% endfor %}
        ) as tens
        cross join (
            {% for digit in range(10) %}select {{ digit }} as digit{{ ' union all ' if not loop.last }}{% endfor %}
        ) as hundreds
    ) as digits
    where step_index <= {{ upper_bound }}
{%- endmacro %}

{% macro duckdb__integer_series(upper_bound) -%}
    select cast(range as integer) as step_index
    from range(0, {{ upper_bound }} + 1)
{%- endmacro %}
