--liquibase formatted sql

--changeset trade-warehouse:010-marts-from-facts
--comment: The same marts (same columns, same rows: checked on a full year), computed without summing every fact into
--comment: (territory, CPF4, country) cells first: that grouping of about a million cells was most of the refresh.
--comment: Totals and rankings now come from small sums of the facts (per partner, per CPF4), and the Sankey reads
--comment: from the facts only the lines between its named products and named countries; its 'AUTRES' links are the
--comment: totals minus the named links, and a link exists when at least one fact line falls in it, as before.
drop view mart.sankey_flow;
drop view mart.product_top;
drop materialized view mart.sankey_link;
drop materialized view mart.product_ranking;
drop materialized view mart.partner_ranking;
drop materialized view mart.geo_total;
drop materialized view mart.trade_cell;

-- Facts summed over the quarters of each year, per territory (département, région, France) and partner country, and
-- per territory and CPF4, in one pass over the facts (grouping sets), with the number of fact lines (a Sankey link
-- exists when a line falls in it). A row holds a country or a CPF4, the other is null. Read by the other marts only.
create materialized view mart.trade_sum as
with dep as (
    select (f.time_key / 10)::smallint as year, f.flow, f.geo_key, f.partner_key, f.product_key,
           sum(f.value_eur)::bigint as value_eur, count(*) as lines
    from dw.fact_trade f
    group by grouping sets ((1, 2, 3, 4), (1, 2, 3, 5))),
named as (
    select d.year, d.flow, g.dep_code, g.region_code, c.code as country, p.cpf4, d.value_eur, d.lines
    from dep d
    join dw.dim_geography g on g.geo_key = d.geo_key
    left join dw.dim_partner_country c on c.partner_key = d.partner_key
    left join dw.dim_product p on p.product_key = d.product_key)
select 'dep:' || dep_code as geo, year, flow, country, cpf4, value_eur, lines from named
union all
select 'reg:' || region_code, year, flow, country, cpf4, sum(value_eur)::bigint, sum(lines)::bigint from named
group by region_code, year, flow, country, cpf4
union all
select 'fr', year, flow, country, cpf4, sum(value_eur)::bigint, sum(lines)::bigint from named
group by year, flow, country, cpf4
with no data;
create view mart.partner_cell as
select geo, year, flow, country, value_eur, lines from mart.trade_sum where country is not null;
create view mart.product_cell as
select geo, year, flow, cpf4, value_eur, lines from mart.trade_sum where cpf4 is not null;

create materialized view mart.geo_total as
with total as (
    select geo, year, flow, sum(value_eur)::bigint as value_eur from mart.partner_cell group by geo, year, flow)
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

create materialized view mart.partner_ranking as
with c as (
    select geo, year, country,
           coalesce(sum(value_eur) filter (where flow = 'I'), 0)::bigint as imports_eur,
           coalesce(sum(value_eur) filter (where flow = 'E'), 0)::bigint as exports_eur
    from mart.partner_cell group by geo, year, country)
select c.geo, c.year, c.country, pc.label as country_name, c.imports_eur, c.exports_eur,
       c.exports_eur - c.imports_eur as balance_eur,
       row_number() over (partition by c.geo, c.year order by c.imports_eur + c.exports_eur desc, c.country) as rank,
       p.imports_eur as previous_imports_eur, p.exports_eur as previous_exports_eur
from c
join dw.dim_partner_country pc on pc.code = c.country
left join c p on p.geo = c.geo and p.year = c.year - 1 and p.country = c.country
with no data;
create unique index partner_ranking_key on mart.partner_ranking (geo, year, country);

-- Each CPF4's code and label at the three product levels of the fiche. A CPF4 outside NA 2008 falls under A38 '?'.
create view mart.product_level as
select p.product_key, p.cpf4, l.level, l.code, l.label
from dw.dim_product p
cross join lateral (values ('CPF4', p.cpf4, p.cpf4_label), ('A129', p.a129, p.a129_label),
                           ('A38', coalesce(p.a38, '?'), coalesce(p.a38_label, 'Produits non classés'))) as l(level, code, label);

create materialized view mart.product_ranking as
with by_level as (
    select c.geo, c.year, c.flow, l.level, l.code as product, l.label as product_name, sum(c.value_eur)::bigint as value_eur
    from mart.product_cell c
    join mart.product_level l on l.cpf4 = c.cpf4
    group by 1, 2, 3, 4, 5, 6)
select b.geo, b.year, b.flow, b.level, b.product, b.product_name, b.value_eur,
       b.value_eur::numeric / nullif(sum(b.value_eur) over (partition by b.geo, b.year, b.flow, b.level), 0) as share,
       row_number() over (partition by b.geo, b.year, b.flow, b.level order by b.value_eur desc, b.product) as rank,
       p.value_eur as previous_year_eur
from by_level b
left join by_level p on p.geo = b.geo and p.year = b.year - 1 and p.flow = b.flow and p.level = b.level and p.product = b.product
with no data;
create unique index product_ranking_key on mart.product_ranking (geo, year, flow, level, product);

-- Each Sankey's named countries: the top 10 partners of the flow by value (ties: smaller code first).
create view mart.sankey_country as
select geo, year, flow, country, value_eur, lines
from (select c.*, row_number() over (partition by geo, year, flow order by value_eur desc, country) as rank
      from mart.partner_cell c
      where value_eur > 0) ranked
where rank <= 10;

-- A key for one (département, year, flow, CPF4 or country) of the facts in one bigint: the Sankey's lookups then
-- join the facts on a single column, which PostgreSQL hashes; on several columns it misjudged the sizes badly.
create function mart.cell_key(geo_key integer, year integer, flow char(1), member_key integer) returns bigint
    language sql immutable parallel safe
    return ((year::bigint * 2 + (flow = 'E')::integer) * 1048576 + geo_key) * 1048576 + member_key;

-- The links between a named product and a named country of each Sankey, straight from the facts: each fact line
-- counts for its département, its région and France wherever its country and its product (at a level) are named.
-- Grouped on row numbers of the named items, cheaper to hash than their codes.
create materialized view mart.sankey_pair as
with member as (
    select g.geo_key, m.scope, m.geo
    from dw.dim_geography g
    cross join lateral (values (0, 'dep:' || g.dep_code), (1, 'reg:' || g.region_code), (2, 'fr')) as m(scope, geo)),
country as materialized (
    select row_number() over () as id, geo, year, flow, country from mart.sankey_country),
product as materialized (
    select row_number() over () as id, geo, year, flow, level, product from mart.product_ranking where rank <= 10),
country_key as materialized (
    select t.id, mart.cell_key(m.geo_key, t.year, t.flow, c.partner_key) as cell, m.scope
    from country t
    join member m on m.geo = t.geo
    join dw.dim_partner_country c on c.code = t.country),
product_key as materialized (
    select t.id, mart.cell_key(m.geo_key, t.year, t.flow, pl.product_key) as cell, m.scope
    from product t
    join member m on m.geo = t.geo
    join mart.product_level pl on pl.level = t.level and pl.code = t.product),
pair as (
    select fc.country_id, pk.id as product_id, sum(fc.value_eur)::bigint as value_eur, count(*) as lines
    from (select ck.id as country_id, ck.scope, f.value_eur,
                 mart.cell_key(f.geo_key, f.time_key / 10, f.flow, f.product_key) as product_cell
          from dw.fact_trade f
          join country_key ck on ck.cell = mart.cell_key(f.geo_key, f.time_key / 10, f.flow, f.partner_key)
          offset 0) fc -- not flattened: the facts meet the few named countries first, then the products
    join product_key pk on pk.cell = fc.product_cell and pk.scope = fc.scope
    group by 1, 2)
select c.geo, c.year, c.flow, p.level, p.product, c.country, s.value_eur, s.lines
from pair s
join country c on c.id = s.country_id
join product p on p.id = s.product_id
with no data;

-- Every link of each Sankey: the named ones, then each named product with the other countries, the other products
-- with each named country, and the rest, by difference with the totals.
create materialized view mart.sankey_link as
with named_product as (
    select c.geo, c.year, c.flow, t.level, t.product, sum(c.value_eur) as value_eur, sum(c.lines) as lines
    from mart.product_cell c
    join mart.product_level pl on pl.cpf4 = c.cpf4
    join mart.product_ranking t
      on t.geo = c.geo and t.year = c.year and t.flow = c.flow and t.level = pl.level and t.product = pl.code
    where t.rank <= 10
    group by 1, 2, 3, 4, 5),
level as (
    select distinct level from mart.product_level),
pair_by_product as (
    select geo, year, flow, level, product, sum(value_eur) as value_eur, sum(lines) as lines
    from mart.sankey_pair group by 1, 2, 3, 4, 5),
pair_by_country as (
    select geo, year, flow, level, country, sum(value_eur) as value_eur, sum(lines) as lines
    from mart.sankey_pair group by 1, 2, 3, 4, 5),
link as (
    select geo, year, flow, level, product, country, value_eur, lines,
           row_number() over (partition by geo, year, flow, level
                              order by value_eur desc, product collate "C", country collate "C") <= 5 as highlight
    from mart.sankey_pair
    union all
    -- a named product with the countries outside the top 10
    select p.geo, p.year, p.flow, p.level, p.product, 'AUTRES', p.value_eur - coalesce(n.value_eur, 0),
           p.lines - coalesce(n.lines, 0), false
    from named_product p
    left join pair_by_product n
      on n.geo = p.geo and n.year = p.year and n.flow = p.flow and n.level = p.level and n.product = p.product
    union all
    -- the products outside the top 10 with a named country
    select c.geo, c.year, c.flow, l.level, 'AUTRES', c.country, c.value_eur - coalesce(n.value_eur, 0),
           c.lines - coalesce(n.lines, 0), false
    from mart.sankey_country c
    cross join level l
    left join pair_by_country n
      on n.geo = c.geo and n.year = c.year and n.flow = c.flow and n.level = l.level and n.country = c.country
    union all
    -- the rest: the whole flow less the named products and the named countries, plus their links counted twice
    select t.geo, t.year, t.flow, l.level, 'AUTRES', 'AUTRES',
           t.value_eur - coalesce(p.value_eur, 0) - coalesce(c.value_eur, 0) + coalesce(n.value_eur, 0),
           t.lines - coalesce(p.lines, 0) - coalesce(c.lines, 0) + coalesce(n.lines, 0), false
    from (select geo, year, flow, sum(value_eur) as value_eur, sum(lines) as lines
          from mart.partner_cell group by 1, 2, 3) t
    cross join level l
    left join (select geo, year, flow, level, sum(value_eur) as value_eur, sum(lines) as lines
               from named_product group by 1, 2, 3, 4) p
      on p.geo = t.geo and p.year = t.year and p.flow = t.flow and p.level = l.level
    left join (select geo, year, flow, sum(value_eur) as value_eur, sum(lines) as lines
               from mart.sankey_country group by 1, 2, 3) c
      on c.geo = t.geo and c.year = t.year and c.flow = t.flow
    left join (select geo, year, flow, level, sum(value_eur) as value_eur, sum(lines) as lines
               from pair_by_product group by 1, 2, 3, 4) n
      on n.geo = t.geo and n.year = t.year and n.flow = t.flow and n.level = l.level)
select geo, year, flow, level, product, country, value_eur::bigint as value_eur, highlight
from link
where lines > 0
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

create view mart.product_top as
select geo, year, flow, level, rank, product, product_name, value_eur, share
from mart.product_ranking
where rank <= 10
union all
select g.geo, g.year, g.flow, l.level, 11, 'AUTRES', 'Autres produits', g.value_eur - t.top_eur,
       (g.value_eur - t.top_eur)::numeric / g.value_eur
from mart.geo_total g
cross join (values ('A129'), ('A38'), ('CPF4')) as l(level)
cross join lateral (select coalesce(sum(p.value_eur), 0) as top_eur
                    from mart.product_ranking p
                    where p.geo = g.geo and p.year = g.year and p.flow = g.flow and p.level = l.level
                      and p.rank <= 10) as t
where g.value_eur > t.top_eur;
