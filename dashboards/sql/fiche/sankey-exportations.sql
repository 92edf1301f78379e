-- Sankey of the chosen territory's exports (product → country): top 10 products and countries, the others folded into "Autres".
select f.source as "Source", f.target as "Destination", f.value_eur / 1000000.0 as "M€"
from mart.sankey_flow f
join mart.territory_scope s on s.geo = f.geo and s.scope = 'territoire'
where s.label = {{territoire}} and f.year = {{annee}} and f.level = {{niveau}} and f.flow = 'E'
order by f.value_eur desc, f.product, f.country
