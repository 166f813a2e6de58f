{{ stage_raw_export('ticket_events', raw_entity_relation('ticket_events'), tickets=ref('stg_helpdesk__tickets')) }}
