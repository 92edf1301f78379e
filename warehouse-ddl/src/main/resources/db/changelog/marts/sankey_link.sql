--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_link runOnChange:true splitStatements:false
--comment: mart.sankey_link's rows for some years: each Sankey's links between its named products and countries, the
--comment: named products with the other countries (AUTRES), the other products with the named countries, and the rest;
--comment: highlight_rank 1 to 5 for the five largest links between a named product and a named country.
create or replace function mart.sankey_link_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text, country text, value_eur bigint,
                   highlight_rank smallint)
    language sql stable parallel safe
as $$
with named_product as (
    select geo, year, flow, level, product, value_eur, lines from mart.product_sum where year = any(years) and rank <= 10),
pair as (
    select * from mart.sankey_pair where year = any(years)),
named_country as (
    select * from mart.sankey_country where year = any(years)),
level as (
    select distinct level from mart.product_level),
pair_by_product as (
    select geo, year, flow, level, product, sum(value_eur) as value_eur, sum(lines) as lines
    from pair group by 1, 2, 3, 4, 5),
pair_by_country as (
    select geo, year, flow, level, country, sum(value_eur) as value_eur, sum(lines) as lines
    from pair group by 1, 2, 3, 4, 5),
link as (
    select geo, year, flow, level, product, country, value_eur, lines,
           row_number() over (partition by sankey, level
                              order by value_eur desc, product collate "C", country collate "C") as named_rank
    from pair
    union all
    -- a named product with the countries outside the top 10
    select p.geo, p.year, p.flow, p.level, p.product, 'AUTRES', p.value_eur - coalesce(n.value_eur, 0),
           p.lines - coalesce(n.lines, 0), null
    from named_product p
    left join pair_by_product n
      on n.geo = p.geo and n.year = p.year and n.flow = p.flow and n.level = p.level and n.product = p.product
    union all
    -- the products outside the top 10 with a named country
    select c.geo, c.year, c.flow, l.level, 'AUTRES', c.country, c.value_eur - coalesce(n.value_eur, 0),
           c.lines - coalesce(n.lines, 0), null
    from named_country c
    cross join level l
    left join pair_by_country n
      on n.geo = c.geo and n.year = c.year and n.flow = c.flow and n.level = l.level and n.country = c.country
    union all
    -- the rest: the whole flow less the named products and the named countries, plus their links counted twice
    select t.geo, t.year, t.flow, l.level, 'AUTRES', 'AUTRES',
           t.value_eur - coalesce(p.value_eur, 0) - coalesce(c.value_eur, 0) + coalesce(n.value_eur, 0),
           t.lines - coalesce(p.lines, 0) - coalesce(c.lines, 0) + coalesce(n.lines, 0), null
    from (select geo, year, flow, sum(value_eur) as value_eur, sum(lines) as lines
          from mart.partner_sum where year = any(years) group by 1, 2, 3) t
    cross join level l
    left join (select geo, year, flow, level, sum(value_eur) as value_eur, sum(lines) as lines
               from named_product group by 1, 2, 3, 4) p
      on p.geo = t.geo and p.year = t.year and p.flow = t.flow and p.level = l.level
    left join (select geo, year, flow, sum(value_eur) as value_eur, sum(lines) as lines
               from named_country group by 1, 2, 3) c
      on c.geo = t.geo and c.year = t.year and c.flow = t.flow
    left join (select geo, year, flow, level, sum(value_eur) as value_eur, sum(lines) as lines
               from pair_by_product group by 1, 2, 3, 4) n
      on n.geo = t.geo and n.year = t.year and n.flow = t.flow and n.level = l.level)
select geo, year, flow, level, product, country, value_eur::bigint,
       case when named_rank <= 5 then named_rank::smallint end
from link
where lines > 0
$$;
