{#- Naive UTC timestamp -> calendar date in var('reporting_timezone'). Independent of the session
    time zone: the value is first declared UTC, then shown in the reporting zone. -#}
{% macro to_reporting_date(utc_timestamp) -%}
    cast(({{ utc_timestamp }} at time zone 'UTC') at time zone '{{ var("reporting_timezone") }}' as date)
{%- endmacro %}
