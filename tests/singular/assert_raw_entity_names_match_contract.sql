-- The static list in macros/raw_entity_names.sql names each table of source `helpdesk` exactly once, and nothing else.
{# Compared at compile time, against the graph: one failing row per difference. #}
{%- set listed = raw_entity_names() -%}
{%- set contract = [] -%}
{%- if execute -%}
{%- for node in graph.sources.values() if node.source_name == 'helpdesk' -%}
{%- do contract.append(node.name) -%}
{%- endfor -%}
{%- endif -%}
{%- set problems = [] -%}
{%- for name in contract | sort if name not in listed -%}
{%- do problems.append('missing from raw_entity_names(): ' ~ name) -%}
{%- endfor -%}
{%- for name in listed | sort if name not in contract -%}
{%- do problems.append('not a table of source helpdesk: ' ~ name) -%}
{%- endfor -%}
{%- for name in listed | unique | sort if listed.count(name) > 1 -%}
{%- do problems.append('listed more than once in raw_entity_names(): ' ~ name) -%}
{%- endfor -%}
with

problems as (

    select cast(null as {{ dbt.type_string() }}) as problem
    {%- for problem in problems | unique %}
    union all
    select '{{ problem }}' as problem
    {%- endfor %}

)

select * from problems
where problem is not null
