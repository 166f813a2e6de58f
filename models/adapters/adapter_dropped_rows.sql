{#- One row per source row the adapter did not turn into a contract row, with the reason. -#}
with

source_rows as (

    select * from {{ ref('adapter_source_rows') }}

),

final as (

    select
        source_system,
        source_table,
        entity,
        source_relation,
        source_key,
        drop_reason
    from source_rows
    where drop_reason is not null

)

select * from final
