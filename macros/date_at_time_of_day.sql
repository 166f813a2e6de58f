{#- A date and a time of day (seed column of type time; text 'hh:mm:ss' on Spark, which has no
    time type) -> the naive timestamp of that wall-clock moment. -#}
{% macro date_at_time_of_day(date_expression, time_expression) -%}
    {{ return(adapter.dispatch('date_at_time_of_day', 'support_kpis')(date_expression, time_expression)) }}
{%- endmacro %}

{% macro default__date_at_time_of_day(date_expression, time_expression) -%}
    ({{ date_expression }} + {{ time_expression }})
{%- endmacro %}

{% macro spark__date_at_time_of_day(date_expression, time_expression) -%}
    cast(concat(cast({{ date_expression }} as string), ' ', cast({{ time_expression }} as string)) as timestamp)
{%- endmacro %}
