with

inventory as (

    select * from {{ source('raw_inventory', 'export_inventory') }}

),

final as (

    select
        entity,
        file_path,
        file_format,
        is_present
    from inventory

)

select * from final
