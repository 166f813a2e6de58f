{#- The plausible range of every contract timestamp, as two SQL expressions (from, until).
    from: var plausible_timestamp_from (default 2000-01-01). until: var plausible_timestamp_until,
    else one day after the later of the build's start and as_of. A value outside is rejected
    (`implausible_timestamp`): an unset date exported as epoch 0 or a year-10000 typo would
    otherwise move the reporting calendar or the default as_of. -#}
{% macro plausible_timestamp_bounds() %}
    {%- set from_text = var('plausible_timestamp_from', '2000-01-01') | string -%}
    {%- set until_var = var('plausible_timestamp_until', none) -%}
    {%- set lower = parse_timestamp("'" ~ from_text ~ "'") -%}
    {%- if until_var is not none and until_var | string | trim != '' -%}
        {%- set upper = parse_timestamp("'" ~ until_var ~ "'") -%}
    {%- else -%}
        {%- set started = "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as timestamp)" -%}
        {%- set as_of = var('as_of', none) -%}
        {%- if as_of is not none and as_of | string | trim != '' -%}
            {%- set latest = "greatest(" ~ started ~ ", " ~ parse_timestamp("'" ~ as_of ~ "'") ~ ")" -%}
        {%- else -%}
            {%- set latest = started -%}
        {%- endif -%}
        {%- set upper = dbt.dateadd('day', 1, latest) -%}
    {%- endif -%}
    {{ return({'from': lower, 'until': upper}) }}
{% endmacro %}
