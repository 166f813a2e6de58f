{#- One row per stretch of time an agent was busy: the agent's overlapping or touching work
    sessions merged across tickets, so two tickets worked at once are one stretch (utilisation). -#}
with

sessions as (

    select * from {{ ref('stg_helpdesk__agent_work_sessions') }}

),

final as (

    {{ merge_overlapping_intervals('sessions', ['agent_id'], 'started_at', 'ended_at', 'session_id') }}

)

select * from final
