{{ stage_raw_export('ai_response_reviews', raw_entity_relation('ai_response_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
