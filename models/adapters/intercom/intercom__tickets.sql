{#- The contract's `tickets` entity from Intercom, as text (staging parses and checks it). -#}
with

ticket_rows as (

    select * from {{ ref('intercom__ticket_rows') }}

),

final as (

    select
        ticket_id,
        customer_id,
        channel,
        category,
        intent,
        priority,
        created_at,
        ai_eligible,
        ai_confidence,
        order_value,
        sentiment_score,
        customer_email
    from ticket_rows
    where drop_reason is null

)

select * from final
