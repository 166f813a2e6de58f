{#- One row per ticket with a CSAT or CES response: the latest score of each (earlier ones are superseded). -#}
with

responses as (

    select * from {{ ref('stg_helpdesk__survey_responses') }}

),

final as (

    select
        ticket_id,
        max(case when survey_type = 'csat' then score end) as csat_score,
        max(case when survey_type = 'ces' then score end) as ces_score
    from responses
    where
        survey_type in ('csat', 'ces')
        and not is_superseded
    group by ticket_id

)

select * from final
