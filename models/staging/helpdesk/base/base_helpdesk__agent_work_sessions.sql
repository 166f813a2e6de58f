{{ stage_raw_export('agent_work_sessions', source('helpdesk', 'agent_work_sessions'), tickets=ref('stg_helpdesk__tickets')) }}
