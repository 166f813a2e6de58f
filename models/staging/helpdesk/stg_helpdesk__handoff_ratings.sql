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
        {{ latest_first_rank(['ticket_id'], ['rated_at', 'rating_id']) }} > 1 as is_superseded
    from accepted

)

select * from final
