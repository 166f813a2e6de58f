{#- Sum of `weight` over the rows where the condition is true, as a double; 0 when no row matches
    (the weighted parts of review-based rates: Σw of a numerator or denominator, or Σw² with
    `weight` = 'w * w'). -#}
{% macro weighted_sum_where(weight, condition) -%}
    cast(coalesce(sum(case when {{ condition }} then {{ weight }} else 0 end), 0) as {{ type_double() }})
{%- endmacro %}
