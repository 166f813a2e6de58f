{#- Naive local timestamp in var('reporting_timezone') -> naive UTC timestamp (the inverse of
    to_reporting_date's first step). Independent of the session time zone. -#}
{% macro reporting_to_utc(local_timestamp) -%}
    cast(({{ local_timestamp }} at time zone '{{ var("reporting_timezone") }}') at time zone 'UTC' as timestamp)
{%- endmacro %}
