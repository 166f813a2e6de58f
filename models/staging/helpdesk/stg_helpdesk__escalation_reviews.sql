with

checked as (

    select * from {{ ref('base_helpdesk__escalation_reviews') }}

),

accepted as (

    select
        review_id,
        ticket_id,
        reviewed_at,
        needed_human,
        reviewer_id,
        sample_weight
    from checked
    where reject_reason is null

),

final as (

    select
        *,
        -- only the latest row per ticket counts, by (reviewed_at, review_id)
        {{ latest_first_rank(['ticket_id'], ['reviewed_at', 'review_id']) }} > 1 as is_superseded
    from accepted

)

select * from final
