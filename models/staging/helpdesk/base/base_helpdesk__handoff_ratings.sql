{{ stage_raw_export('handoff_ratings', source('helpdesk', 'handoff_ratings'), tickets=ref('stg_helpdesk__tickets')) }}
