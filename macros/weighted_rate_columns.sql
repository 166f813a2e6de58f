{#- The six columns of a weighted rate KPI, from `<metric>_numerator` (Σw of the successes),
    `<metric>_denominator` (Σw of the trials) and `<metric>_weight_sq_sum` (Σw² of the trials) of
    the relation selected from: the three additive parts, the weighted ratio and its Wilson bounds
    on the Kish effective sample size n_eff = (Σw)² / Σw², with successes = p * n_eff (which is
    numerator * denominator / weight_sq_sum) and trials = n_eff. -#}
{% macro weighted_rate_columns(metric) -%}
    {%- set n_eff = kish_effective_sample_size(metric ~ '_denominator', metric ~ '_weight_sq_sum') -%}
    {%- set successes = safe_divide(metric ~ '_numerator * ' ~ metric ~ '_denominator', metric ~ '_weight_sq_sum') -%}
    {{ metric }}_numerator,
    {{ metric }}_denominator,
    {{ metric }}_weight_sq_sum,
    {{ safe_divide(metric ~ '_numerator', metric ~ '_denominator') }} as {{ metric }},
    {{ wilson_bound(successes, n_eff, -1) }} as {{ metric }}_ci_low,
    {{ wilson_bound(successes, n_eff, 1) }} as {{ metric }}_ci_high
{%- endmacro %}
