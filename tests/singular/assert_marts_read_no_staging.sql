{#- Layers: a mart (models/marts) reads intermediate models, utilities, seeds and other marts,
    never a staging or adapter model, so every rule about the raw side has one home below the
    marts. The one exception is the ticket fact: fct_tickets is where accepted tickets become the
    fact, and it reads stg_helpdesk__tickets (and nothing else of staging). One row per edge that
    breaks the rule. -#}
{%- set allowed = {'fct_tickets': ['stg_helpdesk__tickets']} -%}
{%- set violations = [] -%}
{%- if execute -%}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.fqn[1] == 'marts' -%}
{%- for parent_id in node.depends_on.nodes if parent_id in graph.nodes -%}
{%- set parent = graph.nodes[parent_id] -%}
{%- if parent.resource_type == 'model' and parent.fqn[1] in ('staging', 'adapters')
    and parent.name not in allowed.get(node.name, []) -%}
{%- do violations.append((node.name, parent.name)) -%}
{%- endif -%}
{%- endfor -%}
{%- endfor -%}
{%- endif -%}
{%- if violations -%}
{%- for mart, parent in violations %}
select
    '{{ mart }}' as mart_model,
    '{{ parent }}' as staging_model
{%- if not loop.last %}
union all
{%- endif %}
{%- endfor %}
{%- else %}
select
    cast(null as {{ dbt.type_string() }}) as mart_model,
    cast(null as {{ dbt.type_string() }}) as staging_model
where 1 = 0
{%- endif %}
