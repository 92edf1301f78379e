--liquibase formatted sql

--changeset trade-warehouse:mart-product_supplier runOnChange:true splitStatements:false
--comment: mart.product_supplier's rows for some years: for each of the top 10 products of each territory's flow at each
--comment: level, its value, the partner country with the largest part of it (ties: smaller code first) and that part, and
--comment: the United States' part. From the facts of those years' quarters, summed once per département, CPF4 and
--comment: partner over the year (cell), then joined on integer keys to the top products (product_sum) at each level of
--comment: the département, of its région and of France that each département's CPF4 counts in: a fact line is read once,
--comment: and no région's or France's cells are built (a full year: 8.0 s, then 6.6 s, the same rows). The top country
--comment: without a sort: the largest value per product, then the smallest code holding it.
create or replace function mart.product_supplier_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text, value_eur bigint,
                   top_country text, top_country_eur bigint, united_states_eur bigint)
    language sql stable parallel safe
as $$
with cell as (
    select f.geo_key, (f.time_key / 10)::smallint as year, f.flow, f.product_key, f.partner_key,
           sum(f.value_eur)::bigint as value_eur
    from dw.fact_trade f
    where f.time_key = any(quarters)
    group by 1, 2, 3, 4, 5),
named as materialized (
    select dense_rank() over (order by p.geo, p.year, p.flow, p.level, p.product) as product_id,
           p.geo, p.year, p.flow, p.level, p.product, l.product_key
    from mart.product_sum p
    join (select product_key, level, code from mart.product_level) l on l.level = p.level and l.code = p.product
    where p.year = any(years) and p.rank <= 10),
-- each département's part in a named product: of its own, of its région's and of France's
target as materialized (
    select g.geo_key, n.year, n.flow, n.product_key, n.product_id
    from named n join dw.dim_geography g on n.geo = 'dep:' || g.dep_code
    union all
    select g.geo_key, n.year, n.flow, n.product_key, n.product_id
    from named n join dw.dim_geography g on n.geo = 'reg:' || g.region_code
    union all
    select g.geo_key, n.year, n.flow, n.product_key, n.product_id
    from named n cross join dw.dim_geography g where n.geo = 'fr'),
supply as materialized (
    select t.product_id, c.partner_key, sum(c.value_eur)::bigint as value_eur
    from cell c
    join target t on t.geo_key = c.geo_key and t.year = c.year and t.flow = c.flow and t.product_key = c.product_key
    group by 1, 2),
total as (
    select s.product_id, sum(s.value_eur)::bigint as value_eur, max(s.value_eur) as top_country_eur,
           coalesce(sum(s.value_eur) filter (where c.code = 'US'), 0)::bigint as united_states_eur
    from supply s
    join dw.dim_partner_country c on c.partner_key = s.partner_key
    group by 1),
top as (
    select s.product_id, min(c.code collate "C") as code
    from supply s
    join total t on t.product_id = s.product_id and t.top_country_eur = s.value_eur
    join dw.dim_partner_country c on c.partner_key = s.partner_key
    group by 1)
select n.geo, n.year, n.flow, n.level, n.product, t.value_eur, top.code, t.top_country_eur, t.united_states_eur
from (select distinct product_id, geo, year, flow, level, product from named) n
join total t on t.product_id = n.product_id
join top on top.product_id = n.product_id
$$;
