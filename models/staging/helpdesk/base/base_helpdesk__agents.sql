{{ stage_raw_export('agents', raw_entity_relation('agents')) }}
