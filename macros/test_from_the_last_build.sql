{#- The SQL of the generic test from_the_last_build (tests/generic), per engine. -#}
{% macro default__test_from_the_last_build(model, column_name) %}
    select
        build_ids,
        missing_ids,
        'the table holds ' || cast(build_ids as {{ dbt.type_string() }})
        || ' build ids and ' || cast(missing_ids as {{ dbt.type_string() }}) || ' rows without one' as problem
    from (
        select
            count(distinct {{ column_name }}) as build_ids,
            count(*) - count({{ column_name }}) as missing_ids
        from {{ model }}
    ) as ids
    where build_ids > 1 or missing_ids > 0
{% endmacro %}

{% macro duckdb__test_from_the_last_build(model, column_name) %}
    with last_build as (
        select
            build_id,
            status
        from raw.build_log
        order by started_at desc
        limit 1
    ),

    mart_builds as (
        select distinct {{ column_name }} as build_id
        from {{ model }}
    )

    select
        mart_builds.build_id,
        last_build.build_id as last_build_id,
        last_build.status as last_build_status,
        case
            when mart_builds.build_id is distinct from last_build.build_id
                then 'built by ' || coalesce(mart_builds.build_id, 'no build')
                || ', not by the last build ' || last_build.build_id || ': run dbt build again'
            else 'the last build ' || last_build.build_id || ' did not finish: run dbt build again'
        end as problem
    from mart_builds
    cross join last_build
    where
        mart_builds.build_id is distinct from last_build.build_id
        or (last_build.status = 'running' and last_build.build_id != '{{ invocation_id }}')
{% endmacro %}
