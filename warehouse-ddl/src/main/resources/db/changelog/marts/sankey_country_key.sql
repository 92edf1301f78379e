--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_country_key runOnChange:true splitStatements:false
--comment: mart.sankey_country_key's rows for some years: each Sankey's named countries (numbered: country_id), with the
--comment: keys (mart.cell_key) of the facts of each département of the Sankey's territory with that country. sankey
--comment: numbers the Sankeys (territory, year, flow). Both numbers are made anew for the years refreshed together:
--comment: they are unique among them only, and the Sankey's pass (sankey_pair) reads those years only.
create or replace function mart.sankey_country_key_rows(years smallint[], quarters integer[])
    returns table (country_id bigint, sankey bigint, geo text, year smallint, flow char(1), country text, cell bigint)
    language sql stable parallel safe
as $$
with member as (
    select g.geo_key, m.geo
    from dw.dim_geography g
    cross join lateral (values ('dep:' || g.dep_code), ('reg:' || g.region_code), ('fr')) as m(geo)),
country as (
    select geo, year, flow, country, dense_rank() over (order by geo, year, flow, country) as country_id,
           dense_rank() over (order by geo, year, flow) as sankey
    from mart.sankey_country
    where year = any(years))
select t.country_id, t.sankey, t.geo, t.year, t.flow, t.country, mart.cell_key(m.geo_key, t.year, t.flow, c.partner_key)
from country t
join member m on m.geo = t.geo
join dw.dim_partner_country c on c.code = t.country
$$;
