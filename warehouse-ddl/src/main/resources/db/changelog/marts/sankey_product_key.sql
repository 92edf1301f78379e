--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_product_key runOnChange:true splitStatements:false
--comment: mart.sankey_product_key's rows for some years: each Sankey's named products at each level (numbered:
--comment: product_id), with the keys of the CPF4 products under them: (Sankey, product key) in one bigint, as cell_key
--comment: does. The Sankeys as sankey_country_key numbers them, for the same years.
create or replace function mart.sankey_product_key_rows(years smallint[], quarters integer[])
    returns table (product_id bigint, year smallint, level text, product text, cell bigint)
    language sql stable parallel safe
as $$
with sankey as (
    select distinct geo, year, flow, sankey from mart.sankey_country_key where year = any(years)),
product as (
    select p.geo, p.year, p.flow, p.level, p.product, s.sankey,
           dense_rank() over (order by p.geo, p.year, p.flow, p.level, p.product) as product_id
    from mart.product_sum p
    join sankey s on s.geo = p.geo and s.year = p.year and s.flow = p.flow
    where p.year = any(years) and p.rank <= 10)
select t.product_id, t.year, t.level, t.product, t.sankey * 1048576 + pl.product_key
from product t
join mart.product_level pl on pl.level = t.level and pl.code = t.product
$$;
