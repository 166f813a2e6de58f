{#- ISO day of week of a date, 1 = Monday … 7 = Sunday, portably: days since Monday 1900-01-01
    modulo 7 (every warehouse has datediff; date_part('dow') differs between them). -#}
{% macro iso_day_of_week(date_expression) -%}
    (mod({{ dbt.datediff("cast('1900-01-01' as date)", date_expression, 'day') }}, 7) + 1)
{%- endmacro %}
