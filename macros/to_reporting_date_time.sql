{#- Naive UTC timestamp -> naive local timestamp in var('reporting_timezone') (wall-clock time,
    for hour-of-day cuts). Independent of the session time zone. -#}
{% macro to_reporting_date_time(utc_timestamp) -%}
    cast(({{ utc_timestamp }} at time zone 'UTC') at time zone '{{ var("reporting_timezone") }}' as timestamp)
{%- endmacro %}
