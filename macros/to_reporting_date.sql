{#- Naive UTC timestamp -> calendar date in var('reporting_timezone'). Independent of the session
    time zone: the value is first declared UTC, then shown in the reporting zone. -#}
{% macro to_reporting_date(utc_timestamp) -%}
    cast({{ to_reporting_date_time(utc_timestamp) }} as date)
{%- endmacro %}
