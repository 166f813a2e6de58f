{{ stage_raw_export('operating_costs', source('helpdesk', 'operating_costs')) }}
