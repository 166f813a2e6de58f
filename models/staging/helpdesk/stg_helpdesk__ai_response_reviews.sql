with

checked as (

    select * from {{ ref('base_helpdesk__ai_response_reviews') }}

),

final as (

    select
        review_id,
        ticket_id,
        reviewed_at,
        is_accurate,
        intent
    from checked
    where reject_reason is null

)

select * from final
