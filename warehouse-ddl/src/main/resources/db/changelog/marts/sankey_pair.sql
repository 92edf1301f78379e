--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_pair runOnChange:true splitStatements:false
--comment: mart.sankey_pair holds the links between a named product and a named country of each Sankey, straight from
--comment: the facts of a year: a fact line counts for each Sankey (its département's, its région's, France's) that
--comment: names its country, and there for each level at which its product is named. Its rows are summed in the
--comment: refresh's process (rankings.SankeyPairs), in one pass over the year's lines streamed out. This function gives
--comment: what they are matched on: each named country of a Sankey with the départements (geo_key) and partner key of
--comment: its fact lines ('C'), each named product of a Sankey with a CPF4 key it holds ('P'). Hashed in the database,
--comment: joined on one computed key per fact line, the year's pass took 3 s with a parallel worker.
drop function if exists mart.sankey_pair_rows(smallint[], integer[]);
create or replace function mart.sankey_pair_keys(years smallint[], quarters integer[])
    returns table (kind char(1), id bigint, sankey bigint, geo text, year smallint, flow char(1), level text, item text,
                   geo_key integer, member_key integer)
    language sql stable parallel safe
as $$
-- the keys as mart.cell_key packs them: (year, flow, geo_key, partner_key) and sankey * 2^20 + product_key
select 'C', country_id, sankey, geo, year, flow, null, country, ((cell / 1048576) % 1048576)::integer,
       (cell % 1048576)::integer
from mart.sankey_country_key
where year = any(years)
union all
select 'P', product_id, cell / 1048576, null, year, null, level, product, null, (cell % 1048576)::integer
from mart.sankey_product_key
where year = any(years)
$$;
