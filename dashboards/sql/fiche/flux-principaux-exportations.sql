-- The 5 largest flows between a named product and a named country: the links the fiche draws in red (Metabase's
-- Sankey cannot colour single links).
select f.product_name as "Produit", f.country_name as "Pays", f.value_eur / 1000000.0 as "M€"
from mart.sankey_flow f
join mart.territory t on t.geo = f.geo
where t.label = {{territoire}} and f.year = {{annee}} and f.level = {{niveau}} and f.flow = 'E' and f.highlight
order by f.value_eur desc, f.product, f.country
