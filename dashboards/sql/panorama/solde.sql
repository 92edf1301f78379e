-- Départements ranked by their trade balance (exports - imports).
select t.label as "Département",
       (coalesce(e.value_eur, 0) - coalesce(i.value_eur, 0)) / 1000000.0 as "Solde (M€)"
from mart.territory t
left join mart.geo_total e on e.geo = t.geo and e.year = {{annee}} and e.flow = 'E'
left join mart.geo_total i on i.geo = t.geo and i.year = {{annee}} and i.flow = 'I'
where t.level = 'departement' and (e.geo is not null or i.geo is not null)
order by 2 desc, t.code
