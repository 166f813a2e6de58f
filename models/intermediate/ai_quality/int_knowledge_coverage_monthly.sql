{#- One row per month (reporting_timezone) with tickets: of the month's top
    var('knowledge_coverage_top_intents') intents by ticket volume (tickets on their creation
    month; ties at the cut broken by intent name), how many have an approved answer in the
    intent_coverage export. -#}
{%- set top_intents = var('knowledge_coverage_top_intents') -%}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}

),

intent_coverage as (

    select * from {{ ref('stg_helpdesk__intent_coverage') }}

),

intent_volume as (

    select
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start,
        intent,
        count(*) as intent_tickets
    from tickets
    group by cast({{ dbt.date_trunc('month', 'created_date') }} as date), intent

),

ranked_intents as (

    -- ties at the cut are broken by intent name, so the top list is deterministic
    select
        *,
        row_number() over (partition by month_start order by intent_tickets desc, intent asc) as volume_rank
    from intent_volume

),

final as (

    select
        ranked_intents.month_start,
        {{ count_where('intent_coverage.has_approved_answer') }} as knowledge_coverage_numerator,
        count(*) as knowledge_coverage_denominator
    from ranked_intents
    left join intent_coverage
        on ranked_intents.intent = intent_coverage.intent
    where ranked_intents.volume_rank <= {{ top_intents }}
    group by ranked_intents.month_start

)

select * from final
