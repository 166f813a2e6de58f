{#- One row per rated ticket: its latest handoff rating (by rated_at, rating_id), 1-5, given by the
    tier that received the escalation. Earlier ratings of the same ticket are superseded. -#}
with

ratings as (

    select * from {{ ref('stg_helpdesk__handoff_ratings') }}

),

final as (

    select
        ticket_id,
        rating_id,
        rated_at,
        rater_id,
        score as handoff_score
    from ratings
    where not is_superseded

)

select * from final
