{{ stage_raw_export('operating_costs', raw_entity_relation('operating_costs')) }}
