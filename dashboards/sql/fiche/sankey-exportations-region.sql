-- Sankey of the exports of the chosen territory's région (product → country); a région or France is its own.
select f.product_name as "Source", f.country_name as "Destination", f.value_eur / 1000000.0 as "M€"
from mart.sankey_flow f
join mart.territory_scope s on s.geo = f.geo
where s.label = {{territoire}} and s.scope = 'region'
  and f.year = {{annee}} and f.level = {{niveau}} and f.flow = 'E'
order by f.value_eur desc, f.product, f.country
