{{ stage_raw_export('tickets', raw_entity_relation('tickets')) }}
