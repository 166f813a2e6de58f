{#- One row per agent x week (Monday, reporting_timezone) with QA reviews: the sum and count of
    the scores. A review follows its ticket: the ticket's creation week, not the review's date. -#}
{%- set week_of = "cast(" ~ dbt.date_trunc('week', '{}') ~ " as date)" -%}
with

qa_reviews as (

    select * from {{ ref('stg_helpdesk__qa_reviews') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

final as (

    select
        qa_reviews.agent_id,
        {{ week_of.format('tickets.created_date') }} as week_start,
        sum(qa_reviews.score) as qa_score_sum,
        count(*) as qa_score_count
    from qa_reviews
    inner join tickets
        on qa_reviews.ticket_id = tickets.ticket_id
    group by qa_reviews.agent_id, {{ week_of.format('tickets.created_date') }}

)

select * from final
