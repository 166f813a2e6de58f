{{ stage_raw_export('escalation_reviews', source('helpdesk', 'escalation_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
