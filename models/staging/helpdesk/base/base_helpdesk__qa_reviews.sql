{{ stage_raw_export('qa_reviews', raw_entity_relation('qa_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
