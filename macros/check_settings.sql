{#- Called first by on-run-start. Checks every setting (var) a model pastes into SQL before any
    query runs, and stops the build with one message that lists every bad setting and what it
    takes. After this check no var can reach SQL as anything but a known zone name, a finite
    positive number, a calendar date or a timestamp, so none needs quoting beyond its literal. -#}
{% macro check_settings() %}
    {%- set problems = [] -%}

    {%- for name in ['reporting_timezone', 'source_timezone'] -%}
        {%- set zone = var(name, 'UTC') -%}
        {%- if zone is not string or zone not in modules.pytz.all_timezones_set -%}
            {%- do problems.append(name ~ " = " ~ settings_shown(zone) ~ ": not a known time zone; use an IANA name such as 'UTC', 'Europe/Berlin' or 'America/New_York'") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- (name, smallest allowed, largest allowed, whole numbers only) -#}
    {%- set numeric_settings = [
        ('reopen_window_hours', 0, none, false),
        ('repeat_contact_window_days', 0, none, false),
        ('ai_followup_window_hours', 0, none, false),
        ('rolling_window_days', 0, none, true),
        ('backlog_capacity_trailing_days', 0, none, true),
        ('confidence_z', 0, none, false),
        ('confidence_threshold_step', 0, 1, false),
        ('quick_win_categories', 0, none, true),
        ('knowledge_coverage_top_intents', 0, none, true),
        ('tier2_min_tier', 0, none, true),
        ('calendar_spine_digits', 0, 6, true),
        ('incremental_lookback_days', -1, none, true),
    ] -%}
    {%- for name, above, at_most, whole in numeric_settings -%}
        {%- set reason = settings_number_problem(var(name), above, at_most, whole) -%}
        {%- if reason -%}
            {%- do problems.append(name ~ " = " ~ settings_shown(var(name)) ~ ": " ~ reason) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- a share may be 0 (any pending ticket makes a row provisional) but not above 1 -#}
    {%- set share = var('provisional_pending_share', 0.05) -%}
    {%- set share_number = settings_number(share) -%}
    {%- if share_number is none or share_number != share_number or share_number < 0 or share_number > 1 -%}
        {%- do problems.append("provisional_pending_share = " ~ settings_shown(share) ~ ": must be a share from 0 to 1") -%}
    {%- endif -%}

    {%- for name in ['ai_launch_date', 'time_spine_start_date'] -%}
        {%- if not settings_is_timestamp(var(name), date_only=true) -%}
            {%- do problems.append(name ~ " = " ~ settings_shown(var(name)) ~ ": not a calendar date; use YYYY-MM-DD") -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set as_of = var('as_of', none) -%}
    {%- if as_of is not none and as_of != '' and not settings_is_timestamp(as_of) -%}
        {%- do problems.append("as_of = " ~ settings_shown(as_of) ~ ": not a timestamp; use YYYY-MM-DD hh:mm:ss with an optional offset (2026-04-30 23:59:59+02:00), or leave it unset for the latest event") -%}
    {%- endif -%}

    {%- if not settings_is_timestamp(var('plausible_timestamp_from', '2000-01-01')) -%}
        {%- do problems.append("plausible_timestamp_from = " ~ settings_shown(var('plausible_timestamp_from')) ~ ": not a timestamp; use YYYY-MM-DD") -%}
    {%- endif -%}
    {%- set until = var('plausible_timestamp_until', none) -%}
    {%- if until is not none and until != '' and not settings_is_timestamp(until) -%}
        {%- do problems.append("plausible_timestamp_until = " ~ settings_shown(until) ~ ": not a timestamp; use YYYY-MM-DD, or leave it unset for a day after the build (or as_of)") -%}
    {%- endif -%}

    {%- set raw_path = var('raw_path') -%}
    {%- if raw_path is not string or raw_path | trim == '' -%}
        {%- do problems.append("raw_path = " ~ settings_shown(raw_path) ~ ": must be the path of a folder") -%}
    {%- elif modules.re.search('[*?\\[\\]{}]', raw_path) -%}
        {%- do problems.append("raw_path = " ~ settings_shown(raw_path) ~ ": a wildcard (* ? [ ] { }) would read several folders as one; name one folder") -%}
    {%- endif -%}

    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "Bad settings (dbt vars), nothing was built:\n  - " ~ problems | join("\n  - ")
            ~ "\nSet them in dbt_project.yml or with --vars, e.g. --vars '{reopen_window_hours: 48}'."
        ) }}
    {%- endif -%}
    {{ return('select 1') }}
{% endmacro %}

{#- A value as the message shows it: text quoted, control characters shown as ?. -#}
{% macro settings_shown(value) -%}
    {%- if value is string -%}'{{ modules.re.sub('[\\x00-\\x1f\\x7f]', '?', value) }}'{%- else -%}{{ value }}{%- endif -%}
{%- endmacro %}

{#- A number, or none: YAML gives numbers; --vars and environment variables may give text. -#}
{% macro settings_number(value) -%}
    {%- if value is number and value is not sameas true and value is not sameas false -%}
        {{- return(value) -}}
    {%- elif value is string and modules.re.fullmatch('[0-9]+(\\.[0-9]+)?', value | trim) -%}
        {{- return(value | trim | float) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}

{#- Why a value is not a number in (above, at_most], or '' when it is. -#}
{% macro settings_number_problem(value, above, at_most, whole) -%}
    {%- set number = settings_number(value) -%}
    {%- if number is none -%}
        {{- return("not a number") -}}
    {%- elif number != number or number > 1e308 or number < -1e308 -%}
        {{- return("not a finite number") -}}
    {%- elif whole and number != number | int -%}
        {{- return("must be a whole number") -}}
    {%- elif number <= above or (at_most is not none and number > at_most) -%}
        {{- return("must be greater than " ~ above ~ (" and at most " ~ at_most if at_most is not none else "")) -}}
    {%- endif -%}
    {{- return('') -}}
{%- endmacro %}

{#- True for a real calendar date (YYYY-MM-DD) or, unless date_only, a timestamp on one with an
    optional offset; the same shapes parse_timestamp reads. 2026-02-30 is not a date. -#}
{% macro settings_is_timestamp(value, date_only=false) -%}
    {%- set text = value | string | trim -%}
    {%- set pattern = '(\\d{4})-(\\d{2})-(\\d{2})' if date_only else
        '(\\d{4})-(\\d{2})-(\\d{2})([T ](\\d{2}):(\\d{2})(:(\\d{2})(\\.\\d+)?)?)?(\\s*([zZ]|[+-]\\d{2}(:?\\d{2})?))?' -%}
    {%- set parts = modules.re.fullmatch(pattern, text) -%}
    {%- if not parts -%}{{ return(false) }}{%- endif -%}
    {%- set year, month, day = parts.group(1) | int, parts.group(2) | int, parts.group(3) | int -%}
    {%- if year < 1 or month < 1 or month > 12 or day < 1 -%}{{ return(false) }}{%- endif -%}
    {%- set next_month = modules.datetime.date(year + (month // 12), month % 12 + 1, 1) if year < 9999 or month < 12 else none -%}
    {%- set days_in_month = (next_month - modules.datetime.timedelta(days=1)).day if next_month else 31 -%}
    {%- if day > days_in_month -%}{{ return(false) }}{%- endif -%}
    {%- if not date_only and parts.group(5) -%}
        {%- if parts.group(5) | int > 23 or parts.group(6) | int > 59 or (parts.group(8) or '0') | int > 59 -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(true) }}
{%- endmacro %}
