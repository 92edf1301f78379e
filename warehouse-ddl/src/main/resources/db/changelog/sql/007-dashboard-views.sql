--liquibase formatted sql

--changeset trade-warehouse:007-territory-label
--comment: A name that tells every territory apart, for choosing it in a dashboard filter: a DOM is both a département
--comment: and a région of the same name. 'Haute-Vienne (87)', 'Nouvelle-Aquitaine (région)', 'France'.
create or replace view mart.territory as
select 'dep:' || dep_code as geo, 'departement' as level, dep_code as code, dep_name as name,
       'reg:' || region_code as region_geo, region_name, dep_name || ' (' || dep_code || ')' as label
from dw.dim_geography
union all
select distinct 'reg:' || region_code, 'region', region_code, region_name, null, null, region_name || ' (région)'
from dw.dim_geography
union all
select 'fr', 'france', 'FR', 'France', null, null, 'France';

--changeset trade-warehouse:007-territory-scope
--comment: The three scopes of a fiche, by the chosen territory's label: the territory itself, its région (a région or
--comment: France is its own) and France. Lets a dashboard card show the région's Sankey from the département's filter.
create view mart.territory_scope as
select t.label, s.scope, s.geo
from mart.territory t
cross join lateral (values ('territoire', t.geo),
                           ('region', coalesce(t.region_geo, t.geo)),
                           ('france', 'fr')) as s(scope, geo);

--changeset trade-warehouse:007-sankey-flow
--comment: The Sankey links with the labels of their nodes ('Autres produits', 'Autres pays' for the folded ones).
create view mart.sankey_flow as
select s.geo, s.year, s.flow, s.level, s.product, coalesce(p.product_name, 'Autres produits') as product_name,
       s.country, coalesce(c.label, 'Autres pays') as country_name, s.value_eur, s.highlight
from mart.sankey_link s
left join mart.product_ranking p
       on p.geo = s.geo and p.year = s.year and p.flow = s.flow and p.level = s.level and p.product = s.product
left join dw.dim_partner_country c on c.code = s.country;

--changeset trade-warehouse:007-sankey-flow-sides
--comment: Each link's two ends in the order a Sankey draws them: product → country for exports, country → product
--comment: for imports, so that a dashboard card reads source and target as they are.
create or replace view mart.sankey_flow as
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

--changeset trade-warehouse:007-product-top
--comment: The fiche's product list of each flow and level: the top 10 (rank 1-10), then 'AUTRES' (rank 11) with the
--comment: rest of the flow when there is a rest; share of the flow.
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
