--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_flow runOnChange:true splitStatements:false
--comment: The Sankey links with the labels of their nodes ('Autres produits', 'Autres pays' for the folded ones), source
--comment: and target in the direction the fiche draws (exports product → country, imports country → product).
create or replace view mart.sankey_flow as
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
