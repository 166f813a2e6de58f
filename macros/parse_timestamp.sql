{#- Text -> naive UTC timestamp, or NULL when unparseable. A value with an offset (Z, +05:30,
    -0500, +05, a space before it, or minutes without seconds as in 10:00+01:00) is converted to
    UTC; a value without one is in var source_timezone (default UTC: taken as it is). The session
    time zone never matters: offset-less text is cast to a plain timestamp, never to timestamptz.
    An offset that does not parse gives NULL (a reject), never a value read as if it were UTC. -#}
{% macro parse_timestamp(text_expression) %}
    {{ return(adapter.dispatch('parse_timestamp', 'support_kpis')(text_expression)) }}
{% endmacro %}

{#- the offset forms: Z, +05, +0530, +05:30, and +05:30:00 -#}
{% macro parse_timestamp_offset_pattern() -%}
    ^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([zZ]|[+-]\d{2}(:?\d{2}){0,2})$
{%- endmacro %}

{#- the only shapes read without an offset: a date, or a date and time. Anything else (an offset
    the pattern above did not take, `epoch`, `infinity`, a `(BC)` suffix, a five-digit year) is
    NULL: the timestamp cast would read `10:00-05:00<junk>` as 10:00 UTC, dropping the offset. -#}
{% macro parse_timestamp_naive_pattern() -%}
    ^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$
{%- endmacro %}

{#- glue the offset to the time and give hh:mm a :00, the forms the timestamptz cast reads -#}
{% macro parse_timestamp_offset_normalised(text_expression) -%}
    regexp_replace(
        regexp_replace({{ text_expression }}, '\s+([zZ]|[+-]\d{2}(:?\d{2}){0,2})$', '\1'),
        '^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})([zZ+-])', '\1:00\2'
    )
{%- endmacro %}

{#- a naive timestamp in var source_timezone -> naive UTC (unchanged when the zone is UTC) -#}
{% macro parse_timestamp_from_source_zone(naive_timestamp) -%}
    {%- set zone = var('source_timezone', 'UTC') | string -%}
    {%- if zone | upper in ['UTC', 'ETC/UTC'] -%}
        {{ naive_timestamp }}
    {%- else -%}
        {{ local_to_utc(naive_timestamp, zone) }}
    {%- endif -%}
{%- endmacro %}

{#- Warehouses without try_cast (Postgres; Spark reads more spellings than DuckDB): the text is
    cast only when it is `YYYY-MM-DD[(T| )hh:mm[:ss[.fraction]]][offset]` and a real calendar
    time (month 01-12, day within the month, hh 00-23, mm and ss 00-59); the fraction is cut to
    microseconds as DuckDB does; the offset is subtracted as seconds, never through the session
    time zone. One regular expression rewrites a valid text to '#<local>|<offset>' (an invalid
    one stays as it is, and never starts with '#'); the rest reads fixed positions of that. -#}
{% macro parse_timestamp_canonical(text_expression) -%}
    {{ regex_replace(
        text_expression,
        '^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?:[T ]((?:[01]\d|2[0-3]):[0-5]\d)(:[0-5]\d(?:\.\d+)?)?(?:\s*([zZ]|[+-]\d{2}(?::?\d{2}){0,2}))?)?$',
        '#\\1 \\2\\3|\\4'
    ) }}
{%- endmacro %}

{#- `canonical` is the output of parse_timestamp_canonical (a column or an expression) -#}
{% macro parse_timestamp_from_canonical(canonical) -%}
    {%- set local = "substr(rtrim(substr(" ~ canonical ~ ", 2, " ~ dbt.position("'|'", canonical) ~ " - 2)), 1, 26)" -%}
    {%- set offset_text = "replace(substr(" ~ canonical ~ ", " ~ dbt.position("'|'", canonical) ~ " + 1), ':', '')" -%}
    {%- set year = "cast(substr(" ~ canonical ~ ", 2, 4) as integer)" -%}
    {%- set month = "cast(substr(" ~ canonical ~ ", 7, 2) as integer)" -%}
    {%- set day = "cast(substr(" ~ canonical ~ ", 10, 2) as integer)" -%}
    {%- set days_in_month -%}
        case
            when {{ month }} = 2 then
                case when mod({{ year }}, 4) = 0 and (mod({{ year }}, 100) <> 0 or mod({{ year }}, 400) = 0) then 29 else 28 end
            when {{ month }} in (4, 6, 9, 11) then 30
            else 31
        end
    {%- endset -%}
    {%- set offset_seconds -%}
        (case when substr({{ offset_text }}, 1, 1) = '-' then -1 else 1 end) * (
            coalesce(cast(nullif(substr({{ offset_text }}, 2, 2), '') as integer), 0) * 3600
            + coalesce(cast(nullif(substr({{ offset_text }}, 4, 2), '') as integer), 0) * 60
            + coalesce(cast(nullif(substr({{ offset_text }}, 6, 2), '') as integer), 0)
        )
    {%- endset -%}
    case
        when substr({{ canonical }}, 1, 1) <> '#' then null
        when {{ day }} > 28 and {{ day }} > {{ days_in_month }} then null
        when {{ offset_text }} in ('Z', 'z') then cast({{ local }} as timestamp)
        when {{ offset_text }} = '' then {{ parse_timestamp_from_source_zone('cast(' ~ local ~ ' as timestamp)') }}
        else {{ add_seconds('cast(' ~ local ~ ' as timestamp)', '-1 * ' ~ offset_seconds) }}
    end
{%- endmacro %}

{#- the regular expression runs once per value: a scalar subquery names its result -#}
{% macro default__parse_timestamp(text_expression) -%}
    (
        select {{ parse_timestamp_from_canonical('timestamp_text.canonical') }}
        from (select {{ parse_timestamp_canonical(text_expression) }} as canonical offset 0) as timestamp_text
    )
{%- endmacro %}

{% macro duckdb__parse_timestamp(text_expression) -%}
    case
        when regexp_matches({{ text_expression }}, '{{ parse_timestamp_offset_pattern() }}')
            then try_cast({{ parse_timestamp_offset_normalised(text_expression) }} as timestamptz) at time zone 'UTC'
        when regexp_matches({{ text_expression }}, '{{ parse_timestamp_naive_pattern() }}')
            then {{ parse_timestamp_from_source_zone('try_cast(' ~ text_expression ~ ' as timestamp)') }}
    end
{%- endmacro %}
