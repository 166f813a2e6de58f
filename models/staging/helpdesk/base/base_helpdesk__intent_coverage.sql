{{ stage_raw_export('intent_coverage', source('helpdesk', 'intent_coverage')) }}
