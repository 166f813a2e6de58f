{#- One row in total: for each contract entity, whether this export has it (`has_<entity>`). A
    measure that needs an optional export is NULL, not 0, when the export is absent; the marts
    ask here. -#}
{%- set entities = raw_entity_names() -%}
{%- set present = "max(case when entity = '{0}' and is_present then 1 else 0 end) = 1" -%}
with

export_inventory as (

    select * from {{ ref('stg_helpdesk__export_inventory') }}

),

final as (

    select
        {%- for entity in entities[:-1] %}
        {{ present.format(entity) }} as has_{{ entity }},
        {%- endfor %}
        {{ present.format(entities[-1]) }} as has_{{ entities[-1] }}
    from export_inventory

)

select * from final
