{#- 1 for the latest row of each `partition_by` group, 2 for the one before, and so on: rows
    ordered by `latest_by` (a list of expressions, later first; the last ones break ties).
    `> 1` marks a row a later one supersedes. -#}
{% macro latest_first_rank(partition_by, latest_by) -%}
    row_number() over (
        partition by {{ partition_by | join(', ') }}
        order by {% for column in latest_by %}{{ column }} desc{{ ', ' if not loop.last }}{% endfor %}
    )
{%- endmacro %}
