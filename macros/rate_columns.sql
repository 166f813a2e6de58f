{#- The five columns of a rate KPI, from `<metric>_numerator` and `<metric>_denominator` of the
    relation selected from: the parts (additive), the ratio and its 95% Wilson bounds. -#}
{% macro rate_columns(metric) -%}
    {{ metric }}_numerator,
    {{ metric }}_denominator,
    {{ safe_divide(metric ~ '_numerator', metric ~ '_denominator') }} as {{ metric }},
    {{ wilson_bound(metric ~ '_numerator', metric ~ '_denominator', -1) }} as {{ metric }}_ci_low,
    {{ wilson_bound(metric ~ '_numerator', metric ~ '_denominator', 1) }} as {{ metric }}_ci_high
{%- endmacro %}
