{#- The contract's `survey_responses` entity from Zendesk (binary CSAT), as text. -#}
with

response_rows as (

    select * from {{ ref('zendesk__survey_response_rows') }}

),

final as (

    select
        response_id,
        survey_type,
        score,
        responded_at,
        ticket_id,
        customer_id
    from response_rows
    where drop_reason is null

)

select * from final
