-- The 10 main products of the flow at the chosen level, then "Autres produits" for the rest of the flow.
with total as (
    select g.geo, g.value_eur
    from mart.geo_total g
    join mart.territory t on t.geo = g.geo
    where t.label = {{territoire}} and g.year = {{annee}} and g.flow = 'E'),
top as (
    select p.rank, p.product_name, p.value_eur
    from mart.product_ranking p
    join total on total.geo = p.geo
    where p.year = {{annee}} and p.flow = 'E' and p.level = {{niveau}} and p.rank <= 10),
rows as (
    select rank, product_name, value_eur from top
    union all
    select 11, 'Autres produits', total.value_eur - (select coalesce(sum(value_eur), 0) from top)
    from total)
select rows.product_name as "Produit", rows.value_eur / 1000000.0 as "M€",
       rows.value_eur::numeric / nullif(total.value_eur, 0) as "Part"
from rows
cross join total
where rows.value_eur > 0
order by rows.rank
