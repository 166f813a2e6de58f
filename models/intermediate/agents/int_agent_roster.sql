{#- One row per agent of the agents export: its columns (team, tier, hired_at, left_at) and when
    it was hired and left as reporting_timezone dates (the month of leaving is when a leaver
    counts). -#}
with

agents as (

    select * from {{ ref('stg_helpdesk__agents') }}

),

final as (

    select
        *,
        {{ to_reporting_date('hired_at') }} as hired_date,
        {{ to_reporting_date('left_at') }} as left_date,
        cast({{ dbt.date_trunc('month', to_reporting_date('left_at')) }} as date) as left_month_start
    from agents

)

select * from final
