{#- Asserts that the model has exactly `n` rows; fails with one row giving the actual count. -#}
{% test row_count_equals(model, n) %}

    select row_count
    from (select count(*) as row_count from {{ model }}) as counted
    where row_count <> {{ n }}

{% endtest %}
