-- Each of the top 10 exported products at the chosen level: the part going to the United States, and the
-- specialisation index (its share of the territory's exports over its share of France's; above 1, the territory is
-- specialised in it).
select p.rank as "Rang", p.product_name as "Produit exporté",
       s.united_states_eur::numeric / nullif(s.value_eur, 0) as "Part vers les États-Unis",
       p.share / nullif(f.share, 0) as "Indice de spécialisation"
from mart.product_ranking p
join mart.territory t on t.geo = p.geo
join mart.product_supplier s
  on s.geo = p.geo and s.year = p.year and s.flow = p.flow and s.level = p.level and s.product = p.product
left join mart.product_ranking f
  on f.geo = 'fr' and f.year = p.year and f.flow = p.flow and f.level = p.level and f.product = p.product
where t.label = {{territoire}} and p.year = {{annee}} and p.flow = 'E' and p.level = {{niveau}} and p.rank <= 10
order by p.rank
