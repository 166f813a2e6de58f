{#- One row per calendar month of operating_costs.month x channel with reported
    operating costs, plus one row per month with channel `all`: a channel row is that channel's
    own cost; `all` is every row of the month, shared costs (channel NULL) included. -#}
with

operating_costs as (

    select * from {{ ref('stg_helpdesk__operating_costs') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'month') }} as date) as month_start,
        channel,
        sum(total_cost) as operating_cost
    from operating_costs
    where channel is not null
    group by cast({{ dbt.date_trunc('month', 'month') }} as date), channel
    union all
    select
        cast({{ dbt.date_trunc('month', 'month') }} as date) as month_start,
        'all' as channel,
        sum(total_cost) as operating_cost
    from operating_costs
    group by cast({{ dbt.date_trunc('month', 'month') }} as date)

)

select * from final
