with

checked as (

    select * from {{ ref('base_helpdesk__survey_responses') }}

),

accepted as (

    select
        response_id,
        survey_type,
        score,
        responded_at,
        ticket_id,
        customer_id
    from checked
    where reject_reason is null

),

final as (

    select
        *,
        -- CSAT and CES: only the latest response per ticket counts, by (responded_at, response_id).
        -- NPS is not tied to a ticket: every response counts.
        survey_type in ('csat', 'ces')
        and {{ latest_first_rank(['ticket_id', 'survey_type'], ['responded_at', 'response_id']) }} > 1 as is_superseded
    from accepted

)

select * from final
