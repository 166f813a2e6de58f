with

checked as (

    select * from {{ ref('base_helpdesk__qa_reviews') }}

),

final as (

    select
        review_id,
        ticket_id,
        agent_id,
        reviewed_at,
        score
    from checked
    where reject_reason is null

)

select * from final
