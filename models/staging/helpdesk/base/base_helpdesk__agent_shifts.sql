{{ stage_raw_export('agent_shifts', raw_entity_relation('agent_shifts')) }}
