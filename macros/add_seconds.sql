{#- A timestamp plus a number of seconds (an integer expression; negative goes back), exact to
    the microsecond on every warehouse. -#}
{% macro add_seconds(timestamp_expression, seconds_expression) -%}
    {{ return(adapter.dispatch('add_seconds', 'support_kpis')(timestamp_expression, seconds_expression)) }}
{%- endmacro %}

{% macro default__add_seconds(timestamp_expression, seconds_expression) -%}
    ({{ timestamp_expression }} + ({{ seconds_expression }}) * interval '1 second')
{%- endmacro %}

{% macro spark__add_seconds(timestamp_expression, seconds_expression) -%}
    timestampadd(second, {{ seconds_expression }}, {{ timestamp_expression }})
{%- endmacro %}
