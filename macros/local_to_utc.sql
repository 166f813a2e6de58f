{#- Naive local timestamp in an IANA zone -> naive UTC timestamp, independent of the session time
    zone. The zone is a var already checked against the known zones (check_settings). -#}
{% macro local_to_utc(local_timestamp, zone) -%}
    {{ return(adapter.dispatch('local_to_utc', 'support_kpis')(local_timestamp, zone)) }}
{%- endmacro %}

{% macro default__local_to_utc(local_timestamp, zone) -%}
    cast((({{ local_timestamp }}) at time zone '{{ zone }}') at time zone 'UTC' as timestamp)
{%- endmacro %}

{% macro spark__local_to_utc(local_timestamp, zone) -%}
    to_utc_timestamp({{ local_timestamp }}, '{{ zone }}')
{%- endmacro %}
