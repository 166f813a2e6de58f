{#- Asserts that no two rows share the same values in `columns` (a composite key). NULL-safe: NULL
    is treated as a value, so two rows that are NULL in the same key column and equal in the others
    are duplicates (GROUP BY puts NULLs in one group). One failing row per duplicated combination. -#}
{% test unique_combination(model, columns) %}

    select
        {%- for column in columns %}
        {{ column }},
        {%- endfor %}
        count(*) as row_count
    from {{ model }}
    group by
        {%- for column in columns %}
        {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    having count(*) > 1

{% endtest %}
