--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_pair runOnChange:true splitStatements:false
--comment: mart.sankey_pair's rows for some years: the links between a named product and a named country of each
--comment: Sankey, straight from the facts of those years' quarters (the partitions of the others are not read). A fact
--comment: line counts for each Sankey (its département's, its région's, France's) that names its country, and there for
--comment: each level at which its product is named. Grouped on the named items' ids, whose declared distinct counts let
--comment: parallel workers sum their share first (the refresh builds it with CREATE TABLE AS, which may use them).
create or replace function mart.sankey_pair_rows(years smallint[], quarters integer[])
    returns table (sankey bigint, geo text, year smallint, flow char(1), level text, product text, country text,
                   value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
with pair as (
    select ck.country_id, pk.product_id, sum(f.value_eur)::bigint as value_eur, count(*) as lines
    from dw.fact_trade f
    join mart.sankey_country_key ck on ck.cell = mart.cell_key(f.geo_key, f.time_key / 10, f.flow, f.partner_key)
    join mart.sankey_product_key pk on pk.cell = ck.sankey * 1048576 + f.product_key
    where f.time_key = any(quarters) and ck.year = any(years) and pk.year = any(years)
    group by 1, 2)
select c.sankey, c.geo, c.year, c.flow, p.level, p.product, c.country, s.value_eur, s.lines
from pair s
join (select distinct country_id, sankey, geo, year, flow, country
      from mart.sankey_country_key where year = any(years)) c on c.country_id = s.country_id
join (select distinct product_id, level, product
      from mart.sankey_product_key where year = any(years)) p on p.product_id = s.product_id
$$;
