{#- Daily incremental builds. int_ticket_activity knows, per accepted ticket, the latest time any
    row about it carries, and marks the tickets this build must recompute with the build's
    invocation id; the incremental models below it recompute exactly those tickets. -#}

{#- Incremental where the adapter's incremental strategies serve (DuckDB, Postgres: delete+insert);
    a table on Spark, whose merge needs Delta or Iceberg tables this project does not assume. -#}
{% macro ticket_incremental_materialization() -%}
    {{ return('table' if target.type == 'spark' else 'incremental') }}
{%- endmacro %}

{#- The configuration of every per-ticket incremental model: delete+insert by ticket_id, the
    pre-hook `pre_hook` (a macro name) first. Models that read int_ticket_activity also depend
    on it explicitly: only_tickets_to_refresh reads it only in an incremental run, which parsing
    does not see. -#}
{% macro ticket_incremental_config(pre_hook='drop_tickets_no_longer_accepted', reads_activity=true) -%}
    {{ config(
        materialized=ticket_incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key='ticket_id',
        on_schema_change='fail',
        pre_hook='{{ ' ~ pre_hook ~ '() }}'
    ) }}
    {%- if reads_activity %}
-- depends_on: {{ ref('int_ticket_activity') }}
    {%- endif %}
{%- endmacro %}

{#- What an incremental model's rows depend on besides the data: a change of any of these means
    every ticket is recomputed, as a full refresh would. -#}
{% macro incremental_settings_fingerprint() -%}
    {%- set settings = [
        'v1', var('source_system', 'files'), var('raw_path'), var('raw_schema'),
        var('reporting_timezone'), var('source_timezone'), var('reopen_window_hours'),
        var('repeat_contact_window_days'), var('ai_followup_window_hours'),
        var('plausible_timestamp_from'), var('plausible_timestamp_until')
    ] -%}
    {{- return(settings | join('|') | replace("'", "''")) -}}
{%- endmacro %}

{#- is_incremental(), also where there is no relation at all (a unit test renders the model
    without one) -#}
{% macro ticket_build_is_incremental() -%}
    {{- return(this is not none and model.resource_type != 'unit_test' and is_incremental()) -}}
{%- endmacro %}

{#- In an incremental run: only the tickets int_ticket_activity marked for this build. -#}
{% macro only_tickets_to_refresh(ticket_column='ticket_id') -%}
    {%- if ticket_build_is_incremental() -%}
    where {{ ticket_column }} in (
        select activity.ticket_id from {{ ref('int_ticket_activity') }} as activity
        where activity.refreshed_by_invocation = '{{ invocation_id }}'
    )
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of the incremental models: rows of tickets that are no longer accepted (an export
    that was not append-only) go, so nothing stale survives beside the recomputed tickets. -#}
{% macro drop_tickets_no_longer_accepted() -%}
    {%- if ticket_build_is_incremental() -%}
    delete from {{ this }} as stale
    where not exists (
        select 1 from {{ ref('int_ticket_activity') }} as activity
        where activity.ticket_id = stale.ticket_id
    )
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of int_ticket_activity: empty it when the last build ran with other settings or
    accepted a ticket that is no longer accepted; the model then recomputes every ticket. -#}
{% macro reset_ticket_activity_when_settings_changed() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where
        exists (
            select 1 from {{ this }} as previous
            where previous.settings_fingerprint <> '{{ incremental_settings_fingerprint() }}'
        )
        or exists (
            select 1 from {{ this }} as previous
            where not exists (
                select 1 from {{ ref('stg_helpdesk__tickets') }} as tickets
                where tickets.ticket_id = previous.ticket_id
            )
        )
    {%- endif -%}
{%- endmacro %}
