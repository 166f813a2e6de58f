{#- Seconds from one timestamp to another, as double precision (fractions kept). -#}
{% macro seconds_between(start_timestamp, end_timestamp) -%}
    {{ return(adapter.dispatch('seconds_between', 'support_kpis')(start_timestamp, end_timestamp)) }}
{%- endmacro %}

{% macro default__seconds_between(start_timestamp, end_timestamp) -%}
    cast(extract(epoch from ({{ end_timestamp }} - {{ start_timestamp }})) as {{ type_double() }})
{%- endmacro %}

{% macro duckdb__seconds_between(start_timestamp, end_timestamp) -%}
    (epoch({{ end_timestamp }}) - epoch({{ start_timestamp }}))
{%- endmacro %}

{% macro spark__seconds_between(start_timestamp, end_timestamp) -%}
    cast(unix_micros({{ end_timestamp }}) - unix_micros({{ start_timestamp }}) as double) / 1000000
{%- endmacro %}
