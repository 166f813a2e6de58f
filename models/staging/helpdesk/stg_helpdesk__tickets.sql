with

checked as (

    select * from {{ ref('base_helpdesk__tickets') }}

),

final as (

    select
        ticket_id,
        customer_id,
        channel,
        category,
        -- the contract: intent defaults to the category
        coalesce(intent, category) as intent,
        priority,
        created_at,
        {{ to_reporting_date('created_at') }} as created_date,
        ai_eligible,
        ai_confidence,
        order_value,
        sentiment_score
    from checked
    where reject_reason is null

)

select * from final
