--liquibase formatted sql

--changeset trade-warehouse:mart-cell_key runOnChange:true splitStatements:false
--comment: A fact's key in one bigint, to join the facts with a Sankey's named countries on one integer: year, flow,
--comment: département (geo_key) and partner (or product) key. Applied again whenever this file changes.
create or replace function mart.cell_key(geo_key integer, year integer, flow char(1), member_key integer) returns bigint
    language sql immutable parallel safe
return ((((year::bigint * 2 + (flow = 'E')::integer) * 1048576) + geo_key) * 1048576) + member_key;
