{{ stage_raw_export('escalation_reviews', raw_entity_relation('escalation_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
