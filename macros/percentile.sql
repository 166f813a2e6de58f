{#- Continuous percentile (0..1) of an expression, as an ordered-set aggregate. -#}
{% macro percentile(expression, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ expression }})
{%- endmacro %}
