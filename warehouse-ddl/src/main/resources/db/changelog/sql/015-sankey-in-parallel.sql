--liquibase formatted sql

--changeset trade-warehouse:015-sankey-in-parallel splitStatements:false
--comment: Three costs of the refresh cut, same rankings and Sankeys (checked on a full year).
--comment: 1. mart.sankey_pair, the one pass over every fact line, runs in parallel workers: the named countries and
--comment: products it joins the facts with become materialised views (a CTE is read by the leader process only, so the
--comment: facts' scan was never shared), and it groups on their ids, whose declared distinct counts let PostgreSQL sum
--comment: in each worker first (full year: 1.5 to 1.8 s instead of 2.1 to 3.5 s, on 2 cores).
--comment: 2. mart.sankey_link's highlight becomes highlight_rank: 1 to 5 for the five largest links between a named
--comment: product and a named country, null for the others. REFRESH ... CONCURRENTLY first checks the new rows for
--comment: duplicates, comparing only rows without a null: with every link compared, that check took 0.7 s of a full
--comment: year's refresh; it now compares the highlighted links only. The unique index still guards the rest.
--comment: mart.sankey_flow keeps its highlight column for the dashboards and gains highlight_rank.
--comment: 3. The products' sums and ranks per level, which product_ranking and sankey_link each computed from the CPF4
--comment: sums, are made once, in mart.product_sum, read by both and by the Sankey's named products.
--comment: 4. mart.trade_sum is split in two, mart.partner_sum and mart.cpf4_sum, each from its half of the slice sums
--comment: (same rows), so that the refresh builds the partners' side and the products' side on two connections at once.
drop view mart.sankey_flow;
drop view mart.product_top;
drop materialized view mart.sankey_link;
drop materialized view mart.sankey_pair;
drop materialized view mart.product_ranking;

-- A year's slice sums per territory: each département's, summed per région and for France; per partner country
-- (by_country) or per CPF4. (A function's columns lose their length: flow is cast back to char(1) below.)
create function mart.territory_sums(by_country boolean)
    returns table (geo text, year smallint, flow char(1), code text, value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
with dep as (
    select (s.time_key / 10)::smallint as year, s.flow, s.dep_code, case when by_country then s.country else s.cpf4 end as code,
           sum(s.value_eur)::bigint as value_eur, sum(s.lines)::bigint as lines
    from dw.slice_sum s
    where (case when by_country then s.country else s.cpf4 end) is not null
    group by 1, 2, 3, 4),
named as (
    select d.year, d.flow, d.dep_code, g.region_code, d.code, d.value_eur, d.lines
    from dep d
    join dw.dim_geography g on g.dep_code = d.dep_code)
select 'dep:' || dep_code, year, flow, code, value_eur, lines from named
union all
select 'reg:' || region_code, year, flow, code, sum(value_eur)::bigint, sum(lines)::bigint from named
group by region_code, year, flow, code
union all
select 'fr', year, flow, code, sum(value_eur)::bigint, sum(lines)::bigint from named
group by year, flow, code
$$;

create materialized view mart.partner_sum as
select geo, year, flow::char(1) as flow, code as country, value_eur, lines from mart.territory_sums(true)
with no data;
create materialized view mart.cpf4_sum as
select geo, year, flow::char(1) as flow, code as cpf4, value_eur, lines from mart.territory_sums(false)
with no data;
create or replace view mart.partner_cell as
select geo, year, flow, country, value_eur, lines from mart.partner_sum;
create or replace view mart.product_cell as
select geo, year, flow, cpf4, value_eur, lines from mart.cpf4_sum;
drop materialized view mart.trade_sum;

-- Each territory's products summed per level and ranked per flow (ties: smaller code first). Read by the other marts.
create materialized view mart.product_sum as
select geo, year, flow, level, product, value_eur, lines,
       row_number() over (partition by geo, year, flow, level order by value_eur desc, product) as rank
from (select c.geo, c.year, c.flow, l.level, l.code as product, sum(c.value_eur)::bigint as value_eur,
             sum(c.lines)::bigint as lines
      from mart.product_cell c
      join mart.product_level l on l.cpf4 = c.cpf4
      group by 1, 2, 3, 4, 5) s
with no data;

-- As in 012, from product_sum: same columns and rows.
create materialized view mart.product_ranking as
with label as (
    select distinct level, code, label from mart.product_level),
total as (
    select geo, year, flow, level, sum(value_eur) as value_eur from mart.product_sum group by 1, 2, 3, 4)
select b.geo, b.year, b.flow, b.level, b.product, n.label as product_name, b.value_eur,
       b.value_eur::numeric / nullif(t.value_eur, 0) as share, b.rank, p.value_eur as previous_year_eur
from mart.product_sum b
join label n on n.level = b.level and n.code = b.product
join total t on t.geo = b.geo and t.year = b.year and t.flow = b.flow and t.level = b.level
left join mart.product_sum p
       on p.geo = b.geo and p.year = b.year - 1 and p.flow = b.flow and p.level = b.level and p.product = b.product
with no data;
create unique index product_ranking_key on mart.product_ranking (geo, year, flow, level, product);

-- Each Sankey's named countries (numbered: country_id), with the keys (mart.cell_key) of the facts of each département
-- of the Sankey's territory with that country. sankey numbers the Sankeys (territory, year, flow).
create materialized view mart.sankey_country_key as
with member as (
    select g.geo_key, m.geo
    from dw.dim_geography g
    cross join lateral (values ('dep:' || g.dep_code), ('reg:' || g.region_code), ('fr')) as m(geo)),
country as (
    select geo, year, flow, country, dense_rank() over (order by geo, year, flow, country) as country_id,
           dense_rank() over (order by geo, year, flow) as sankey
    from mart.sankey_country)
select t.country_id, t.sankey, t.geo, t.year, t.flow, t.country, mart.cell_key(m.geo_key, t.year, t.flow, c.partner_key) as cell
from country t
join member m on m.geo = t.geo
join dw.dim_partner_country c on c.code = t.country
with no data;

-- Each Sankey's named products at each level (numbered: product_id), with the keys of the CPF4 products under them:
-- (Sankey, product key) in one bigint, as cell_key does. The Sankeys as sankey_country_key numbers them.
create materialized view mart.sankey_product_key as
with sankey as (
    select distinct geo, year, flow, sankey from mart.sankey_country_key),
product as (
    select p.geo, p.year, p.flow, p.level, p.product, s.sankey,
           dense_rank() over (order by p.geo, p.year, p.flow, p.level, p.product) as product_id
    from mart.product_sum p
    join sankey s on s.geo = p.geo and s.year = p.year and s.flow = p.flow
    where p.rank <= 10)
select t.product_id, t.level, t.product, t.sankey * 1048576 + pl.product_key as cell
from product t
join mart.product_level pl on pl.level = t.level and pl.code = t.product
with no data;

-- PostgreSQL estimates the groups of (country_id, product_id) as the product of their distinct counts: millions, where
-- a full year has 70,000 pairs. It would then send every joined fact line (2.9 million) to one process to be summed.
-- Declared counts whose product is of the order of the real pairs let each worker sum its share first.
alter materialized view mart.sankey_country_key alter column country_id set (n_distinct = 100);
alter materialized view mart.sankey_product_key alter column product_id set (n_distinct = 700);

-- The links between a named product and a named country of each Sankey, straight from the facts. A fact line counts
-- for each Sankey (its département's, its région's, France's) that names its country, and there for each level at
-- which its product is named.
create materialized view mart.sankey_pair as
with pair as (
    select ck.country_id, pk.product_id, sum(f.value_eur)::bigint as value_eur, count(*) as lines
    from dw.fact_trade f
    join mart.sankey_country_key ck on ck.cell = mart.cell_key(f.geo_key, f.time_key / 10, f.flow, f.partner_key)
    join mart.sankey_product_key pk on pk.cell = ck.sankey * 1048576 + f.product_key
    group by 1, 2)
select c.geo, c.year, c.flow, p.level, p.product, c.country, s.value_eur, s.lines
from pair s
join (select distinct country_id, geo, year, flow, country from mart.sankey_country_key) c on c.country_id = s.country_id
join (select distinct product_id, level, product from mart.sankey_product_key) p on p.product_id = s.product_id
with no data;

-- As in 013, but highlight_rank instead of highlight, and the named products' sums from product_sum.
create materialized view mart.sankey_link as
with named_product as (
    select geo, year, flow, level, product, value_eur, lines from mart.product_sum where rank <= 10),
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
                              order by value_eur desc, product collate "C", country collate "C") as named_rank
    from mart.sankey_pair
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
    from mart.sankey_country c
    cross join level l
    left join pair_by_country n
      on n.geo = c.geo and n.year = c.year and n.flow = c.flow and n.level = l.level and n.country = c.country
    union all
    -- the rest: the whole flow less the named products and the named countries, plus their links counted twice
    select t.geo, t.year, t.flow, l.level, 'AUTRES', 'AUTRES',
           t.value_eur - coalesce(p.value_eur, 0) - coalesce(c.value_eur, 0) + coalesce(n.value_eur, 0),
           t.lines - coalesce(p.lines, 0) - coalesce(c.lines, 0) + coalesce(n.lines, 0), null
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
select geo, year, flow, level, product, country, value_eur::bigint as value_eur,
       case when named_rank <= 5 then named_rank::smallint end as highlight_rank
from link
where lines > 0
with no data;
create unique index sankey_link_key on mart.sankey_link (geo, year, flow, level, product, country);

create view mart.sankey_flow as
select s.geo, s.year, s.flow, s.level, s.product, coalesce(p.product_name, 'Autres produits') as product_name,
       s.country, coalesce(c.label, 'Autres pays') as country_name, s.value_eur,
       s.highlight_rank is not null as highlight, s.highlight_rank,
       case when s.flow = 'E' then coalesce(p.product_name, 'Autres produits') else coalesce(c.label, 'Autres pays') end
           as source,
       case when s.flow = 'E' then coalesce(c.label, 'Autres pays') else coalesce(p.product_name, 'Autres produits') end
           as target
from mart.sankey_link s
left join mart.product_ranking p
       on p.geo = s.geo and p.year = s.year and p.flow = s.flow and p.level = s.level and p.product = s.product
left join dw.dim_partner_country c on c.code = s.country;

-- Unchanged from 012: recreated because it reads product_ranking.
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
