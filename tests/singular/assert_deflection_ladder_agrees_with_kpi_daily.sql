-- The deflection ladder counts the same tickets as kpi_daily, day by day: the same inbound per
-- date_day x channel x category, and its rungs never exceed kpi_daily's looser counts of the same
-- thing (contained <= on path ai_only, strict <= AI-resolved). Returns the rows that break this.
with

ladder as (

    select * from {{ ref('deflection_ladder') }}

),

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

final as (

    select
        coalesce(ladder.date_day, kpi_daily.date_day) as date_day,
        coalesce(ladder.channel, kpi_daily.channel) as channel,
        coalesce(ladder.category, kpi_daily.category) as category,
        ladder.inbound_conversations as ladder_inbound_conversations,
        kpi_daily.inbound_conversations as kpi_daily_inbound_conversations
    from ladder
    full outer join kpi_daily
        on
            ladder.date_day = kpi_daily.date_day
            and ladder.channel = kpi_daily.channel
            and ladder.category = kpi_daily.category
    where
        ladder.date_day is null
        or kpi_daily.date_day is null
        or ladder.inbound_conversations <> kpi_daily.inbound_conversations
        or ladder.ai_containment_rate_numerator > kpi_daily.ai_handle_rate_numerator
        or ladder.ai_strict_resolution_rate_numerator > kpi_daily.deflection_rate_numerator

)

select * from final
