{#- One row per stretch of time one agent worked on one ticket: the agent's overlapping or
    touching work sessions on the ticket merged, so no minute counts twice (handle time). -#}
with

sessions as (

    select * from {{ ref('stg_helpdesk__agent_work_sessions') }}

),

final as (

    {{ merge_overlapping_intervals('sessions', ['ticket_id', 'agent_id'], 'started_at', 'ended_at', 'session_id') }}

)

select * from final
