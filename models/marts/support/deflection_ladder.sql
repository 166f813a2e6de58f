{#- One row per date_day x channel x category with inbound tickets: the same tickets under five
    ever stricter rules of "the AI resolved it", from any AI involvement down to a resolution that
    was neither reopened nor followed by a repeat contact. The cohort is the tickets whose reopen
    and repeat-contact windows have both closed by as_of (the rest are ladder_pending), so every
    rung is judged on the same, final tickets and each numerator is a subset of the one above. -#}
{%- set rungs = [
    'ai_involvement_rate', 'ai_containment_rate', 'ai_assumed_resolution_rate',
    'ai_strict_resolution_rate', 'ai_durable_resolution_rate',
] -%}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

windows as (

    select
        created_date,
        channel,
        category,
        has_ai_message,
        resolution_path,
        first_resolved_at,
        is_reopened_within_window,
        has_repeat_contact,
        -- pending while the reopen or the repeat-contact window is still open at as_of: the
        -- ticket fact's own flags, so the window rules live in fct_tickets alone
        is_fcr_pending or is_repeat_contact_pending as is_ladder_pending
    from tickets

),

rungs as (

    select
        *,
        not is_ladder_pending and has_ai_message as is_rung_1,
        not is_ladder_pending and has_ai_message and resolution_path = 'ai_only' as is_rung_2,
        not is_ladder_pending and has_ai_message and resolution_path = 'ai_only'
        and first_resolved_at is not null as is_rung_3,
        not is_ladder_pending and has_ai_message and resolution_path = 'ai_only'
        and first_resolved_at is not null
        and not is_reopened_within_window as is_rung_4,
        not is_ladder_pending and has_ai_message and resolution_path = 'ai_only'
        and first_resolved_at is not null
        and not is_reopened_within_window
        and not has_repeat_contact as is_rung_5
    from windows

),

parts as (

    select
        created_date as date_day,
        channel,
        category,
        count(*) as inbound_conversations,
        {{ count_where('is_ladder_pending') }} as ladder_pending,
        {%- for rung in rungs %}
        {{ count_where('is_rung_' ~ loop.index) }} as {{ rung }}_numerator,
        {{ count_where('not is_ladder_pending') }} as {{ rung }}_denominator,
        {%- endfor %}
        {{ count_where('not is_ladder_pending') }} as ladder_inbound
    from rungs
    group by created_date, channel, category

),

final as (

    select
        date_day,
        channel,
        category,
        inbound_conversations,
        ladder_pending,
        ladder_inbound,
        {%- for rung in rungs[:-1] %}
        {{ rate_columns(rung) }},
        {%- endfor %}
        {{ rate_columns(rungs[-1]) }}
    from parts

)

select *, {{ build_id() }} as build_id from final
