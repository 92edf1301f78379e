select g.value_eur / 1000000.0 as "Exportations (M€)"
from mart.geo_total g
join mart.territory t on t.geo = g.geo
where t.label = {{territoire}} and g.year = {{annee}} and g.flow = 'E'
