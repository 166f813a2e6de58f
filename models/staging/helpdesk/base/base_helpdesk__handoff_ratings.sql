{{ stage_raw_export('handoff_ratings', raw_entity_relation('handoff_ratings'), tickets=ref('stg_helpdesk__tickets')) }}
