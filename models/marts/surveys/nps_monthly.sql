{#- One row per month (reporting_timezone) from the first ticket to as_of: NPS from every
    survey response of type nps, on its own date (not tied to a ticket). -#}
with

months as (

    select * from {{ ref('util_reporting_months') }}

),

nps_responses as (

    select * from {{ ref('int_nps_monthly') }}

),

exports as (

    select * from {{ ref('int_export_presence') }}

),

final as (

    select
        months.month_start,
        case when exports.has_survey_responses then coalesce(nps_responses.nps_promoters, 0) end as nps_promoters,
        case when exports.has_survey_responses then coalesce(nps_responses.nps_detractors, 0) end as nps_detractors,
        case when exports.has_survey_responses then coalesce(nps_responses.nps_responses, 0) end as nps_responses,
        -- points on the usual -100..100 scale (promoter share minus detractor share, times 100)
        {{ safe_divide(
            'case when exports.has_survey_responses then 100.0 * (coalesce(nps_responses.nps_promoters, 0)'
            ~ ' - coalesce(nps_responses.nps_detractors, 0)) end',
            'case when exports.has_survey_responses then coalesce(nps_responses.nps_responses, 0) end'
        ) }} as nps
    from months
    left join nps_responses
        on months.month_start = nps_responses.month_start
    cross join exports

)

select *, {{ build_id() }} as build_id from final
