{#- Kish effective sample size (Σw)² / Σw² from the summed weights and summed squared weights, as a
    double; NULL when Σw² is 0 or NULL. Equals the row count when every weight is the same. -#}
{% macro kish_effective_sample_size(weight_sum, weight_sq_sum) -%}
    {{ safe_divide('(' ~ weight_sum ~ ') * (' ~ weight_sum ~ ')', weight_sq_sum) }}
{%- endmacro %}
