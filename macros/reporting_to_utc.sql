{#- Naive local timestamp in var('reporting_timezone') -> naive UTC timestamp (the inverse of
    to_reporting_date's first step). Independent of the session time zone. -#}
{% macro reporting_to_utc(local_timestamp) -%}
    {{ local_to_utc(local_timestamp, var('reporting_timezone')) }}
{%- endmacro %}
