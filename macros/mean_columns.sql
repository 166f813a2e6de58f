{#- The three columns of a mean KPI, from `<metric>_sum` and `<metric>_count`: the parts and the mean. -#}
{% macro mean_columns(metric) -%}
    {{ metric }}_sum,
    {{ metric }}_count,
    {{ safe_divide(metric ~ '_sum', metric ~ '_count') }} as {{ metric }}
{%- endmacro %}
