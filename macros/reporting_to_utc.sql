{#- Naive local timestamp in var('reporting_timezone') -> naive UTC timestamp (the inverse of
    to_reporting_date's first step). Independent of the session time zone. -#}
{% macro reporting_to_utc(local_timestamp) -%}
    {{ return(adapter.dispatch('reporting_to_utc', 'support_kpis')(local_timestamp)) }}
{%- endmacro %}

{% macro default__reporting_to_utc(local_timestamp) -%}
    cast((({{ local_timestamp }}) at time zone '{{ var("reporting_timezone") }}') at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__reporting_to_utc(local_timestamp) -%}
    to_utc_timestamp({{ local_timestamp }}, '{{ var("reporting_timezone") }}')
{%- endmacro %}
