{#- Naive UTC timestamp -> naive local timestamp in var('reporting_timezone') (wall-clock time,
    for hour-of-day cuts). Independent of the session time zone. -#}
{% macro to_reporting_date_time(utc_timestamp) -%}
    {{ return(adapter.dispatch('to_reporting_date_time', 'support_kpis')(utc_timestamp)) }}
{%- endmacro %}

{% macro default__to_reporting_date_time(utc_timestamp) -%}
    cast((({{ utc_timestamp }}) at time zone 'UTC') at time zone '{{ var("reporting_timezone") }}' as timestamp)
{%- endmacro %}

{#- Spark's timestamps are instants shown in the session time zone (UTC in the profile), so a
    naive UTC value is shifted with from_utc_timestamp. -#}
{% macro spark__to_reporting_date_time(utc_timestamp) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ var("reporting_timezone") }}')
{%- endmacro %}
