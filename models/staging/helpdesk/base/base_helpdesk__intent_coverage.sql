{{ stage_raw_export('intent_coverage', raw_entity_relation('intent_coverage')) }}
