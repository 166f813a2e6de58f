{#- Select from `relation` (a CTE name) the union of its [start, end] intervals per `partition_by`
    (a list of columns): overlapping or touching intervals become one, so time is counted once.
    Gaps-and-islands: an interval that starts after every earlier one ended opens a new island.
    Returns the partition columns, `started_at` and `ended_at` of each island. -#}
{% macro merge_overlapping_intervals(relation, partition_by, start_column, end_column, id_column) -%}
    {%- set partition = partition_by | join(', ') -%}
    select
        {{ partition }},
        min({{ start_column }}) as started_at,
        max({{ end_column }}) as ended_at
    from (
        select
            *,
            sum(case when previous_max_ended_at is null or {{ start_column }} > previous_max_ended_at then 1 else 0 end)
                over (
                    partition by {{ partition }}
                    order by {{ start_column }}, {{ end_column }}, {{ id_column }}
                    rows between unbounded preceding and current row
                ) as island_number
        from (
            select
                *,
                max({{ end_column }}) over (
                    partition by {{ partition }}
                    order by {{ start_column }}, {{ end_column }}, {{ id_column }}
                    rows between unbounded preceding and 1 preceding
                ) as previous_max_ended_at
            from {{ relation }}
        ) as with_previous_end
    ) as islands
    group by {{ partition }}, island_number
{%- endmacro %}
