-- Sankey of the imports of the chosen territory's région (country → product); a région or France is its own.
select f.source as "Source", f.target as "Destination", f.value_eur / 1000000.0 as "M€"
from mart.sankey_flow f
join mart.territory_scope s on s.geo = f.geo and s.scope = 'region'
where s.label = {{territoire}} and f.year = {{annee}} and f.level = {{niveau}} and f.flow = 'I'
order by f.value_eur desc, f.product, f.country
