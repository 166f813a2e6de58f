{#- Asserts that the model (or column's model) has no row at all: every row is a failure.
    Meant for data-quality models such as the rejects, usually with severity warn. -#}
{% test has_no_rows(model) %}

    select * from {{ model }}

{% endtest %}
