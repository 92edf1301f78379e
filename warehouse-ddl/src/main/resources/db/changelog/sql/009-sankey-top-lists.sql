--liquibase formatted sql

--changeset trade-warehouse:009-sankey-top-lists
--comment: The same Sankey links, computed faster: each territory's top 10 countries and products of a flow are looked up
--comment: as one list per (territory, year, flow[, level]) instead of a join on every code, which the planner ran as
--comment: merge joins re-reading tens of millions of rows. Same rows and values as before (checked on a full year).
drop view mart.sankey_flow;
drop materialized view mart.sankey_link;
create materialized view mart.sankey_link as
with top_product as (
    select geo, year, flow, level, array_agg(product) as products
    from mart.product_ranking
    where rank <= 10
    group by geo, year, flow, level),
top_country as (
    select geo, year, flow, array_agg(country) as countries
    from (select geo, year, 'E'::char(1) as flow, country,
                 row_number() over (partition by geo, year order by exports_eur desc, country) as rank
          from mart.partner_ranking where exports_eur > 0
          union all
          select geo, year, 'I'::char(1), country,
                 row_number() over (partition by geo, year order by imports_eur desc, country)
          from mart.partner_ranking where imports_eur > 0) ranked
    where rank <= 10
    group by geo, year, flow),
by_country as (
    -- countries folded first: each territory's CPF4 then has at most 11 countries left to expand to three levels
    select x.geo, x.year, x.flow, x.cpf4,
           case when x.country = any (tc.countries) then x.country else 'AUTRES' end as country,
           sum(x.value_eur)::bigint as value_eur
    from mart.trade_cell x
    left join top_country tc on tc.geo = x.geo and tc.year = x.year and tc.flow = x.flow
    group by 1, 2, 3, 4, 5),
folded as (
    select c.geo, c.year, c.flow, l.level,
           case when l.code = any (tp.products) then l.code else 'AUTRES' end as product, c.country,
           sum(c.value_eur)::bigint as value_eur
    from by_country c
    join dw.dim_product p on p.cpf4 = c.cpf4
    cross join lateral (values ('CPF4', p.cpf4), ('A129', p.a129), ('A38', coalesce(p.a38, '?'))) as l(level, code)
    left join top_product tp on tp.geo = c.geo and tp.year = c.year and tp.flow = c.flow and tp.level = l.level
    group by 1, 2, 3, 4, 5, 6)
select geo, year, flow, level, product, country, value_eur,
       product <> 'AUTRES' and country <> 'AUTRES'
       and row_number() over (partition by geo, year, flow, level, product <> 'AUTRES' and country <> 'AUTRES'
                              order by value_eur desc, product, country) <= 5 as highlight
from folded
with no data;
create unique index sankey_link_key on mart.sankey_link (geo, year, flow, level, product, country);
create view mart.sankey_flow as
select s.geo, s.year, s.flow, s.level, s.product, coalesce(p.product_name, 'Autres produits') as product_name,
       s.country, coalesce(c.label, 'Autres pays') as country_name, s.value_eur, s.highlight,
       case when s.flow = 'E' then coalesce(p.product_name, 'Autres produits') else coalesce(c.label, 'Autres pays') end
           as source,
       case when s.flow = 'E' then coalesce(c.label, 'Autres pays') else coalesce(p.product_name, 'Autres produits') end
           as target
from mart.sankey_link s
left join mart.product_ranking p
       on p.geo = s.geo and p.year = s.year and p.flow = s.flow and p.level = s.level and p.product = s.product
left join dw.dim_partner_country c on c.code = s.country;
