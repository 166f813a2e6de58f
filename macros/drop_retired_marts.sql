{#- Marts this project no longer builds, dropped at the start of every build or run. A warehouse
    built by an older version would otherwise keep them, with an old build id, and readers (and
    check-marts) would meet tables no build updates. Add a name here when a mart is retired,
    with what replaced it. -#}
{% macro retired_marts() %}
    {#- the first two became kpi_daily_percentiles (same day x channel grain, same column names) -#}
    {{ return([
        'kpi_daily_channel_percentiles',
        'response_times_daily',
    ]) }}
{% endmacro %}

{% macro drop_retired_marts() %}
    {%- if execute and flags.WHICH in ['build', 'run'] -%}
        {%- for name in retired_marts() -%}
            {%- set relation = adapter.get_relation(database=target.database, schema='marts', identifier=name) -%}
            {%- if relation is not none -%}
                {{ log("Dropping " ~ relation ~ ": a mart this project no longer builds", info=true) }}
                {%- do adapter.drop_relation(relation) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}
