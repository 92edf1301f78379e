--liquibase formatted sql

--changeset trade-warehouse:mart-product_supplier runOnChange:true splitStatements:false
--comment: mart.product_supplier's rows for some years: for each of the top 10 products of each territory's flow at each
--comment: level (the Sankey's named products), its value, the partner country with the largest part of it (ties: smaller
--comment: code first) and that part, and the United States' part. Straight from the facts of those years' quarters: a fact
--comment: line counts for each Sankey that covers its département (its own, its région's, France's), keyed as the
--comment: Sankey's pass keys them (mart.cell_key with no partner), and there for each level at which its product is named.
create or replace function mart.product_supplier_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text, value_eur bigint,
                   top_country text, top_country_eur bigint, united_states_eur bigint)
    language sql stable parallel safe
as $$
with sankey as (
    select distinct sankey, geo, year, flow from mart.sankey_country_key where year = any(years)),
member as (
    select mart.cell_key(g.geo_key, s.year, s.flow, 0) as cell, s.sankey
    from dw.dim_geography g
    cross join lateral (values ('dep:' || g.dep_code), ('reg:' || g.region_code), ('fr')) as m(geo)
    join sankey s on s.geo = m.geo),
supply as (
    select pk.product_id, f.partner_key, sum(f.value_eur)::bigint as value_eur
    from dw.fact_trade f
    join member m on m.cell = mart.cell_key(f.geo_key, f.time_key / 10, f.flow, 0)
    join mart.sankey_product_key pk on pk.cell = m.sankey * 1048576 + f.product_key
    where f.time_key = any(quarters) and pk.year = any(years)
    group by 1, 2),
ranked as (
    select s.product_id, c.code, s.value_eur,
           row_number() over (partition by s.product_id order by s.value_eur desc, c.code) as rank
    from supply s
    join dw.dim_partner_country c on c.partner_key = s.partner_key),
product as (
    select distinct pk.product_id, s.geo, s.year, s.flow, pk.level, pk.product
    from mart.sankey_product_key pk
    join sankey s on s.sankey = pk.cell / 1048576
    where pk.year = any(years))
select p.geo, p.year, p.flow, p.level, p.product, sum(r.value_eur)::bigint,
       min(r.code) filter (where r.rank = 1), sum(r.value_eur) filter (where r.rank = 1)::bigint,
       coalesce(sum(r.value_eur) filter (where r.code = 'US'), 0)::bigint
from ranked r
join product p on p.product_id = r.product_id
group by p.geo, p.year, p.flow, p.level, p.product
$$;
