{{ stage_raw_export('agent_shifts', source('helpdesk', 'agent_shifts')) }}
