{#- One row per date_day x channel x category with inbound tickets (cohort view: every ticket
    counts on its creation day in reporting_timezone). Every KPI is stored as additive parts;
    ratios and Wilson bounds are derived from them in `final`. The KPIs, their predicates over
    fct_tickets and their kinds are declared in registry/kpis.yml (macros kpi_daily_part_columns
    and kpi_daily_value_columns); only the tier-2 baseline, which needs a second pass over the
    tickets, is written here. -#}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

parts as (

    select
        created_date as date_day,
        channel,
        category,

        {{ kpi_daily_part_columns() }}

    from tickets
    group by created_date, channel, category

),

tier2_baseline as (

    -- pre-AI tier-2 share per channel x category (tickets created before ai_launch_date)
    select
        channel,
        category,
        {{ safe_divide(count_where("is_tier2"), "count(*)") }} as baseline_tier2_share
    from tickets
    where created_date < cast('{{ var("ai_launch_date") }}' as date)
    group by channel, category

),

parts_with_baseline as (

    -- volume- and mix-adjusted: expected tier-2 tickets = this row's inbound x its cell's
    -- baseline share, so the parts add up over days, channels and categories (direct
    -- standardisation); measured from ai_launch_date on, NULL where the cell has no baseline
    select
        parts.*,
        case
            when parts.date_day >= cast('{{ var("ai_launch_date") }}' as date)
                then parts.inbound_conversations * tier2_baseline.baseline_tier2_share
        end as tier2_deflection_rate_denominator,
        case
            when parts.date_day >= cast('{{ var("ai_launch_date") }}' as date)
                then
                    parts.inbound_conversations * tier2_baseline.baseline_tier2_share
                    - parts.tier2_share_numerator
        end as tier2_deflection_rate_numerator
    from parts
    left join tier2_baseline
        on
            parts.channel = tier2_baseline.channel
            and parts.category = tier2_baseline.category

),

final as (

    select
        date_day,
        channel,
        category,
        {{ kpi_daily_value_columns() }}
    from parts_with_baseline

)

select *, {{ build_id() }} as build_id from final
