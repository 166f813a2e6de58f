{#- One row per month (reporting_timezone) with NPS responses: promoters (score 9-10), detractors
    (0-6) and every response of survey_type nps, on the response's own date (not tied to a
    ticket). -#}
with

responses as (

    select * from {{ ref('stg_helpdesk__survey_responses') }}

),

final as (

    select
        cast({{ dbt.date_trunc('month', to_reporting_date('responded_at')) }} as date) as month_start,
        {{ count_where('score >= 9') }} as nps_promoters,
        {{ count_where('score <= 6') }} as nps_detractors,
        count(*) as nps_responses
    from responses
    where survey_type = 'nps'
    group by cast({{ dbt.date_trunc('month', to_reporting_date('responded_at')) }} as date)

)

select * from final
