with

checked as (

    select * from {{ ref('base_helpdesk__handoff_ratings') }}

),

accepted as (

    select
        rating_id,
        ticket_id,
        rated_at,
        score,
        rater_id
    from checked
    where reject_reason is null

),

final as (

    select
        *,
        -- only the latest row per ticket counts, by (rated_at, rating_id)
        row_number() over (
            partition by ticket_id
            order by rated_at desc, rating_id desc
        ) > 1 as is_superseded
    from accepted

)

select * from final
