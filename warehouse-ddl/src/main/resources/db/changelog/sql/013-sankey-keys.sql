--liquibase formatted sql

--changeset trade-warehouse:013-sankey-keys
--comment: Cheaper steps of the refresh, same rows (checked on a full year).
--comment: mart.flow_sums is declared parallel safe, which it is: undeclared, a function counts as parallel unsafe even
--comment: once inlined, and mart.trade_sum was always summed by one process. PostgreSQL may now share the facts'
--comment: scan or the two flows' sums between processes (1.4 to 2.1 s instead of 2.5 s on a full year, by plan).
--comment: mart.sankey_pair looks the named products up per Sankey (its territory, year and flow) instead of per
--comment: département of that territory: a France Sankey's products were listed once for each of the 101 départements.
--comment: The table the facts are probed against shrinks from about 190,000 keys to 70,000.
--comment: mart.sankey_country, the Sankeys' named countries, becomes a materialised view: it was a view that ranked
--comment: every partner of every territory again each of the three times the two Sankey marts read it.
--comment: sankey_link and the view sankey_flow read them: recreated, unchanged.
alter function mart.flow_sums(char) parallel safe;

drop view mart.sankey_flow;
drop materialized view mart.sankey_link;
drop materialized view mart.sankey_pair;
drop view mart.sankey_country;

-- Each Sankey's named countries: the top 10 partners of the flow by value (ties: smaller code first). Read by the
-- other marts only.
create materialized view mart.sankey_country as
select geo, year, flow, country, value_eur, lines
from (select c.*, row_number() over (partition by geo, year, flow order by value_eur desc, country) as rank
      from mart.partner_cell c
      where value_eur > 0) ranked
where rank <= 10
with no data;

-- The links between a named product and a named country of each Sankey, straight from the facts. A fact line counts
-- for each Sankey (its département's, its région's, France's) that names its country, and there for each level at
-- which its product is named. Grouped on row numbers of the named items, cheaper to hash than their codes.
create materialized view mart.sankey_pair as
with member as (
    select g.geo_key, m.geo
    from dw.dim_geography g
    cross join lateral (values ('dep:' || g.dep_code), ('reg:' || g.region_code), ('fr')) as m(geo)),
country as materialized (
    select row_number() over () as id, geo, year, flow, country, dense_rank() over (order by geo, year, flow) as sankey
    from mart.sankey_country),
sankey as (
    select distinct geo, year, flow, sankey from country),
product as materialized (
    select row_number() over () as id, p.level, p.product, s.sankey
    from mart.product_ranking p
    join sankey s on s.geo = p.geo and s.year = p.year and s.flow = p.flow
    where p.rank <= 10),
-- The facts' keys (département, year, flow, country) of each named country, for each département of its territory.
country_key as materialized (
    select t.id, t.sankey, mart.cell_key(m.geo_key, t.year, t.flow, c.partner_key) as cell
    from country t
    join member m on m.geo = t.geo
    join dw.dim_partner_country c on c.code = t.country),
-- The product keys of each named product, per Sankey: (Sankey, product key) in one bigint, as cell_key does.
product_key as materialized (
    select t.id, t.sankey * 1048576 + pl.product_key as cell
    from product t
    join mart.product_level pl on pl.level = t.level and pl.code = t.product),
pair as (
    select fc.country_id, pk.id as product_id, sum(fc.value_eur)::bigint as value_eur, count(*) as lines
    from (select ck.id as country_id, ck.sankey * 1048576 + f.product_key as product_cell, f.value_eur
          from dw.fact_trade f
          join country_key ck on ck.cell = mart.cell_key(f.geo_key, f.time_key / 10, f.flow, f.partner_key)
          offset 0) fc -- not flattened: the facts meet the few named countries first, then the products
    join product_key pk on pk.cell = fc.product_cell
    group by 1, 2)
select c.geo, c.year, c.flow, p.level, p.product, c.country, s.value_eur, s.lines
from pair s
join country c on c.id = s.country_id
join product p on p.id = s.product_id
with no data;

-- Unchanged from 012 below: recreated because they read sankey_pair.
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
