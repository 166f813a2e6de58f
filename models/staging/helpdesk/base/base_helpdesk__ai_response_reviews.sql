{{ stage_raw_export('ai_response_reviews', source('helpdesk', 'ai_response_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
