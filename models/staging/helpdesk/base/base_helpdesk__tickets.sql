{{ stage_raw_export('tickets', source('helpdesk', 'tickets')) }}
