--liquibase formatted sql

--changeset trade-warehouse:005-territory
--comment: Every territory a fiche can be about: départements, régions (DGDDI), France. Codes: dep:87, reg:09, fr.
create view mart.territory as
select 'dep:' || dep_code as geo, 'departement' as level, dep_code as code, dep_name as name,
       'reg:' || region_code as region_geo, region_name
from dw.dim_geography
union all
select distinct 'reg:' || region_code, 'region', region_code, region_name, null, null
from dw.dim_geography
union all
select 'fr', 'france', 'FR', 'France', null, null;

--changeset trade-warehouse:005-trade-cell
--comment: Facts summed over the quarters of each year, per territory (département, région, France), CPF4 and country:
--comment: the one scan of the fact table every ranking is derived from. Read by the other marts only, refreshed first.
create materialized view mart.trade_cell as
with cell as (
    -- quarters summed on the integer keys first: cheaper than grouping on the codes
    select t.year, f.flow, f.geo_key, f.product_key, f.partner_key, sum(f.value_eur)::bigint as value_eur
    from dw.fact_trade f
    join dw.dim_time t on t.time_key = f.time_key
    group by 1, 2, 3, 4, 5),
dep as (
    select c.year, c.flow, g.dep_code, g.region_code, p.cpf4, pc.code as country, c.value_eur
    from cell c
    join dw.dim_geography g on g.geo_key = c.geo_key
    join dw.dim_product p on p.product_key = c.product_key
    join dw.dim_partner_country pc on pc.partner_key = c.partner_key)
select 'dep:' || dep_code as geo, year, flow, cpf4, country, value_eur from dep
union all
select 'reg:' || region_code, year, flow, cpf4, country, sum(value_eur)::bigint from dep group by region_code, year, flow, cpf4, country
union all
select 'fr', year, flow, cpf4, country, sum(value_eur)::bigint from dep group by year, flow, cpf4, country
with no data;

--changeset trade-warehouse:005-geo-total
--comment: Total per territory, year and flow; shares of the région (départements) and of France; previous year.
create materialized view mart.geo_total as
with total as (
    select geo, year, flow, sum(value_eur)::bigint as value_eur from mart.trade_cell group by geo, year, flow)
select t.geo, t.year, t.flow, t.value_eur,
       case when t.geo like 'dep:%' then t.value_eur::numeric / nullif(r.value_eur, 0) end as share_of_region,
       case when t.geo <> 'fr' then t.value_eur::numeric / nullif(f.value_eur, 0) end as share_of_france,
       p.value_eur as previous_year_eur
from total t
left join dw.dim_geography g on t.geo = 'dep:' || g.dep_code
left join total r on r.geo = 'reg:' || g.region_code and r.year = t.year and r.flow = t.flow
join total f on f.geo = 'fr' and f.year = t.year and f.flow = t.flow
left join total p on p.geo = t.geo and p.year = t.year - 1 and p.flow = t.flow
with no data;
create unique index geo_total_key on mart.geo_total (geo, year, flow);

--changeset trade-warehouse:005-partner-ranking
--comment: Partner countries per territory and year: imports, exports, balance (exports - imports), ranked by
--comment: imports + exports (ties: smaller code first), with the previous year's figures.
create materialized view mart.partner_ranking as
with c as (
    select geo, year, country,
           coalesce(sum(value_eur) filter (where flow = 'I'), 0)::bigint as imports_eur,
           coalesce(sum(value_eur) filter (where flow = 'E'), 0)::bigint as exports_eur
    from mart.trade_cell group by geo, year, country)
select c.geo, c.year, c.country, pc.label as country_name, c.imports_eur, c.exports_eur,
       c.exports_eur - c.imports_eur as balance_eur,
       row_number() over (partition by c.geo, c.year order by c.imports_eur + c.exports_eur desc, c.country) as rank,
       p.imports_eur as previous_imports_eur, p.exports_eur as previous_exports_eur
from c
join dw.dim_partner_country pc on pc.code = c.country
left join c p on p.geo = c.geo and p.year = c.year - 1 and p.country = c.country
with no data;
create unique index partner_ranking_key on mart.partner_ranking (geo, year, country);

--changeset trade-warehouse:005-product-ranking
--comment: Products per territory, year and flow at three levels (A129, A38, CPF4): value, share of the flow, rank
--comment: (ties: smaller code first), previous year's value. A CPF4 outside NA 2008 falls under A38 '?'.
create materialized view mart.product_ranking as
with cpf4 as (
    select geo, year, flow, cpf4, sum(value_eur)::bigint as value_eur from mart.trade_cell group by geo, year, flow, cpf4),
by_level as (
    select c.geo, c.year, c.flow, l.level, l.code as product, l.label as product_name, sum(c.value_eur)::bigint as value_eur
    from cpf4 c
    join dw.dim_product p on p.cpf4 = c.cpf4
    cross join lateral (values ('CPF4', p.cpf4, p.cpf4_label), ('A129', p.a129, p.a129_label),
                               ('A38', coalesce(p.a38, '?'), coalesce(p.a38_label, 'Produits non classés'))) as l(level, code, label)
    group by 1, 2, 3, 4, 5, 6)
select b.geo, b.year, b.flow, b.level, b.product, b.product_name, b.value_eur,
       b.value_eur::numeric / nullif(sum(b.value_eur) over (partition by b.geo, b.year, b.flow, b.level), 0) as share,
       row_number() over (partition by b.geo, b.year, b.flow, b.level order by b.value_eur desc, b.product) as rank,
       p.value_eur as previous_year_eur
from by_level b
left join by_level p on p.geo = b.geo and p.year = b.year - 1 and p.flow = b.flow and p.level = b.level and p.product = b.product
with no data;
create unique index product_ranking_key on mart.product_ranking (geo, year, flow, level, product);

--changeset trade-warehouse:005-sankey-link
--comment: Sankey of each flow per territory, year and product level: the top 10 products and top 10 countries of
--comment: the flow by value, every other one folded into 'AUTRES' on its side; one link per (product, country)
--comment: with its value; the 5 largest links between a named product and a named country highlighted.
--comment: Ties: larger value first, then smaller code.
create materialized view mart.sankey_link as
with top_product as materialized (
    select geo, year, flow, level, product from mart.product_ranking where rank <= 10),
top_country as materialized (
    select geo, year, flow, country
    from (select geo, year, 'E'::char(1) as flow, country,
                 row_number() over (partition by geo, year order by exports_eur desc, country) as rank
          from mart.partner_ranking where exports_eur > 0
          union all
          select geo, year, 'I'::char(1), country,
                 row_number() over (partition by geo, year order by imports_eur desc, country)
          from mart.partner_ranking where imports_eur > 0) ranked
    where rank <= 10),
by_country as (
    -- countries folded first: each territory's CPF4 then has at most 11 countries left to expand to three levels
    select x.geo, x.year, x.flow, x.cpf4, coalesce(tc.country, 'AUTRES') as country, sum(x.value_eur)::bigint as value_eur
    from mart.trade_cell x
    left join top_country tc on tc.geo = x.geo and tc.year = x.year and tc.flow = x.flow and tc.country = x.country
    group by 1, 2, 3, 4, 5),
folded as (
    select c.geo, c.year, c.flow, l.level, coalesce(tp.product, 'AUTRES') as product, c.country,
           sum(c.value_eur)::bigint as value_eur
    from by_country c
    join dw.dim_product p on p.cpf4 = c.cpf4
    cross join lateral (values ('CPF4', p.cpf4), ('A129', p.a129), ('A38', coalesce(p.a38, '?'))) as l(level, code)
    left join top_product tp
      on tp.geo = c.geo and tp.year = c.year and tp.flow = c.flow and tp.level = l.level and tp.product = l.code
    group by 1, 2, 3, 4, 5, 6)
select geo, year, flow, level, product, country, value_eur,
       product <> 'AUTRES' and country <> 'AUTRES'
       and row_number() over (partition by geo, year, flow, level, product <> 'AUTRES' and country <> 'AUTRES'
                              order by value_eur desc, product, country) <= 5 as highlight
from folded
with no data;
create unique index sankey_link_key on mart.sankey_link (geo, year, flow, level, product, country);
