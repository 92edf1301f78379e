-- Sankey of the imports of the chosen territory's région (country → product); a région or France is its own.
select f.country_name as "Source", f.product_name as "Destination", f.value_eur / 1000000.0 as "M€"
from mart.sankey_flow f
join mart.territory_scope s on s.geo = f.geo
where s.label = {{territoire}} and s.scope = 'region'
  and f.year = {{annee}} and f.level = {{niveau}} and f.flow = 'I'
order by f.value_eur desc, f.product, f.country
