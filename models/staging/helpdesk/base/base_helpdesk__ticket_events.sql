{{ stage_raw_export('ticket_events', source('helpdesk', 'ticket_events'), tickets=ref('stg_helpdesk__tickets')) }}
