with

checked as (

    select * from {{ ref('base_helpdesk__operating_costs') }}

),

final as (

    select
        cast(month as date) as month,  -- noqa: RF04
        total_cost,
        channel
    from checked
    where reject_reason is null

)

select * from final
