{#- One row per reviewed ticket: its latest escalation review (by reviewed_at, review_id), with the
    verdict and the sample weight. Earlier reviews of the same ticket are superseded. -#}
with

reviews as (

    select * from {{ ref('stg_helpdesk__escalation_reviews') }}

),

final as (

    select
        ticket_id,
        review_id,
        reviewed_at,
        reviewer_id,
        needed_human,
        sample_weight
    from reviews
    where not is_superseded

)

select * from final
