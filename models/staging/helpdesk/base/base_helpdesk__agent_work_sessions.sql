{{ stage_raw_export('agent_work_sessions', raw_entity_relation('agent_work_sessions'), tickets=ref('stg_helpdesk__tickets')) }}
