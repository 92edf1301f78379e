-- The 10 main products of the flow at the chosen level, then "Autres produits" for the rest of the flow: the tiles of
-- the flow's treemap (its one group, "Exportations").
select 'Exportations' as "Flux", p.product_name as "Produit", p.value_eur / 1000000.0 as "M€", p.share as "Part"
from mart.product_top p
join mart.territory t on t.geo = p.geo
where t.label = {{territoire}} and p.year = {{annee}} and p.flow = 'E' and p.level = {{niveau}}
order by p.rank
