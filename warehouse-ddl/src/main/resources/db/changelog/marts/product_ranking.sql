--liquibase formatted sql

--changeset trade-warehouse:mart-product_ranking runOnChange:true splitStatements:false
--comment: mart.product_ranking's rows for some years: each territory's products per flow and level with their label,
--comment: share of the flow, rank and the year before's value.
create or replace function mart.product_ranking_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text, product_name text, value_eur bigint,
                   share numeric, rank bigint, previous_year_eur bigint)
    language sql stable parallel safe
as $$
with label as (
    select distinct level, code, label from mart.product_level),
total as (
    select geo, year, flow, level, sum(value_eur) as value_eur
    from mart.product_sum
    where year = any(years)
    group by 1, 2, 3, 4)
select b.geo, b.year, b.flow, b.level, b.product, n.label, b.value_eur,
       b.value_eur::numeric / nullif(t.value_eur, 0), b.rank, p.value_eur
from mart.product_sum b
join label n on n.level = b.level and n.code = b.product
join total t on t.geo = b.geo and t.year = b.year and t.flow = b.flow and t.level = b.level
left join (select * from mart.product_sum where year = any(mart.with_previous_years(years))) p
       on p.geo = b.geo and p.year = b.year - 1 and p.flow = b.flow and p.level = b.level and p.product = b.product
where b.year = any(years)
$$;
