{{ stage_raw_export('survey_responses', raw_entity_relation('survey_responses'), tickets=ref('stg_helpdesk__tickets')) }}
