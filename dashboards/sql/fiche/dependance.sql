-- The country supplying the most of each of the top 10 imported products at the chosen level, and its share of the
-- product's imports: a high share is a dependence on one supplier.
select p.rank as "Rang", p.product_name as "Produit importé", c.country_name as "Premier fournisseur",
       s.top_country_eur::numeric / nullif(s.value_eur, 0) as "Part du fournisseur"
from mart.product_ranking p
join mart.territory t on t.geo = p.geo
join mart.product_supplier s
  on s.geo = p.geo and s.year = p.year and s.flow = p.flow and s.level = p.level and s.product = p.product
join mart.partner_ranking c on c.geo = s.geo and c.year = s.year and c.country = s.top_country
where t.label = {{territoire}} and p.year = {{annee}} and p.flow = 'I' and p.level = {{niveau}} and p.rank <= 10
order by p.rank
