{#- Asserts that `expression` holds on every row: rows where `not (expression)` is true fail.
    Applied to a column, the column name is put in front of the expression (`expression: ">= 0"`).
    Rows where the expression is NULL pass (as in dbt_utils); add `is not null` to forbid them. -#}
{% test expression_is_true(model, expression, column_name=none) %}

    select * from {{ model }}
    where not ({{ column_name ~ ' ' if column_name is not none else '' }}{{ expression }})

{% endtest %}
