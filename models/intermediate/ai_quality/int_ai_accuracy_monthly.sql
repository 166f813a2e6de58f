{#- One row per month (reporting_timezone) with sampled AI response reviews: how many were judged
    accurate, of all sampled. A review follows its ticket: the ticket's creation month. -#}
with

ai_reviews as (

    select * from {{ ref('stg_helpdesk__ai_response_reviews') }}

),

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

final as (

    -- every sampled review counts
    select
        cast({{ dbt.date_trunc('month', 'tickets.created_date') }} as date) as month_start,
        {{ count_where('ai_reviews.is_accurate') }} as ai_accuracy_rate_numerator,
        count(*) as ai_accuracy_rate_denominator
    from ai_reviews
    inner join tickets
        on ai_reviews.ticket_id = tickets.ticket_id
    group by cast({{ dbt.date_trunc('month', 'tickets.created_date') }} as date)

)

select * from final
