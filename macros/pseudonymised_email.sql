{#- An identifier that holds an e-mail address (an export that put the customer's e-mail into
    customer_id) becomes `pseudonym_<md5 of the lower-cased address>`: the same customer stays one
    customer, and no table below raw holds the address. Anything without an @ is kept as it is. -#}
{% macro pseudonymised_email(text_expression) -%}
    case
        when {{ text_expression }} like '%@%'
            then 'pseudonym_' || md5(lower({{ text_expression }}))
        else {{ text_expression }}
    end
{%- endmacro %}

{#- Raw text for the rejects' raw_values: every e-mail-shaped word replaced, so a reject never
    shows personal data that sat in a column that should not hold it. -#}
{% macro without_emails(text_expression) %}
    {{ return(adapter.dispatch('without_emails', 'support_kpis')(text_expression)) }}
{% endmacro %}

{% macro default__without_emails(text_expression) -%}
    regexp_replace({{ text_expression }}, '[^[:space:]@;,=]+@[^[:space:]@;,]+', '<e-mail removed>', 'g')
{%- endmacro %}

{% macro duckdb__without_emails(text_expression) -%}
    regexp_replace({{ text_expression }}, '[^\s@;,=]+@[^\s@;,]+', '<e-mail removed>', 'g')
{%- endmacro %}

{% macro spark__without_emails(text_expression) -%}
    {{ regex_replace(text_expression, '[^\s@;,=]+@[^\s@;,]+', '<e-mail removed>') }}
{%- endmacro %}
