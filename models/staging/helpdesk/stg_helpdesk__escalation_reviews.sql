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
        row_number() over (
            partition by ticket_id
            order by reviewed_at desc, review_id desc
        ) > 1 as is_superseded
    from accepted

)

select * from final
