--liquibase formatted sql

--changeset trade-warehouse:mart-product_supplier runOnChange:true splitStatements:false
--comment: mart.product_supplier holds, for each of the top 10 products of each territory's flow at each level, its value,
--comment: the partner country with the largest part of it (ties: smaller code first) and that part, and the United States'
--comment: part. Its rows are summed in the refresh's process (rankings.ProductSuppliers), in one pass over the facts of a
--comment: year: the database groups nothing. This function says which fact lines count in which top product: each top
--comment: product (product_sum's rank up to 10) of a département, a région or France, with the territory's départements
--comment: (geo_keys) and the CPF4s the product holds (product_keys). Hashing a year's three million lines into 900,000 sums
--comment: per département, CPF4 and partner, then two million rows per top product and partner, took 7 s of a 12 s refresh.
drop function if exists mart.product_supplier_rows(smallint[], integer[]);
drop function if exists mart.product_supplier_targets(smallint[], integer[]);
create function mart.product_supplier_targets(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text,
                   geo_keys integer[], product_keys integer[])
    language sql stable parallel safe
as $$
with territory as (
    select m.geo, array_agg(g.geo_key order by g.geo_key) as geo_keys
    from dw.dim_geography g
    cross join lateral (values ('dep:' || g.dep_code), ('reg:' || g.region_code), ('fr')) as m(geo)
    group by m.geo),
product as (
    select level, code, array_agg(product_key order by product_key) as product_keys
    from mart.product_level
    group by level, code)
select p.geo, p.year, p.flow, p.level, p.product, t.geo_keys, l.product_keys
from mart.product_sum p
join territory t on t.geo = p.geo
join product l on l.level = p.level and l.code = p.product
where p.year = any(years) and p.rank <= 10
$$;
