{#- One row per raw value that normalisation replaced by its fallback (channel -> other,
    priority -> normal): accepted, but worth fixing at the source. -#}
with

tickets as (

    select * from {{ ref('base_helpdesk__tickets') }}

),

operating_costs as (

    select * from {{ ref('base_helpdesk__operating_costs') }}

),

fallbacks as (

    select
        'tickets' as entity,
        'channel' as column_name,
        channel__raw as raw_value,
        channel as normalised_value,
        row_copies
    from tickets
    where reject_reason is null and channel = 'other'

    union all

    select
        'tickets' as entity,
        'priority' as column_name,
        priority__raw as raw_value,
        priority as normalised_value,
        row_copies
    from tickets
    where
        reject_reason is null
        and priority = 'normal'
        and nullif(trim(priority__raw), '') is not null
        and {{ normalise_label('priority__raw') }} <> 'normal'

    union all

    select
        'operating_costs' as entity,
        'channel' as column_name,
        channel__raw as raw_value,
        channel as normalised_value,
        row_copies
    from operating_costs
    where reject_reason is null and channel = 'other'

),

final as (

    select
        entity,
        column_name,
        raw_value,
        normalised_value,
        cast(sum(row_copies) as {{ dbt.type_bigint() }}) as row_count
    from fallbacks
    group by entity, column_name, raw_value, normalised_value

)

select * from final
