{{ stage_raw_export('qa_reviews', source('helpdesk', 'qa_reviews'), tickets=ref('stg_helpdesk__tickets')) }}
