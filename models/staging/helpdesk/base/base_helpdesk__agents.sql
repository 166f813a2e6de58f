{{ stage_raw_export('agents', source('helpdesk', 'agents')) }}
