with

checked as (

    select * from {{ ref('base_helpdesk__intent_coverage') }}

),

final as (

    select
        intent,
        has_approved_answer,
        updated_at
    from checked
    where reject_reason is null

)

select * from final
