{#- One row per month (reporting_timezone, tickets on their creation month) x channel x category
    with inbound tickets: the additive parts of kpi_daily that the monthly marts read (the KPIs
    the registry marks `monthly`), summed over the month. The one place where kpi_daily is rolled
    up to months: escalation_quality_monthly reads it as it is, monthly_escalation_review and
    cost_monthly sum it over channels or categories. Parts only (no ratios): divide summed parts,
    never average ratios. -#}
with

kpi_daily as (

    select * from {{ ref('kpi_daily') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        channel,
        category,
        {{ kpi_part_sums(monthly=true) }}
    from kpi_daily
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date), channel, category

)

select *, {{ build_id() }} as build_id from final
