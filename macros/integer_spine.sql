{#- The integers 0 .. 10^digits - 1 as column `n`, from cross joins of a ten-row list: portable,
    and known without running a query at compile time (dbt.date_spine needs one). -#}
{% macro integer_spine(digits) -%}
    select
        {%- for position in range(digits) %}
        digit_{{ position }}.d * {{ 10 ** position }}{{ ' +' if not loop.last }}
        {%- endfor %} as n
    from
        {%- for position in range(digits) %}
        (
            select 0 as d union all select 1 union all select 2 union all select 3 union all select 4
            union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
        ) as digit_{{ position }}{{ ',' if not loop.last }}
        {%- endfor %}
{%- endmacro %}
