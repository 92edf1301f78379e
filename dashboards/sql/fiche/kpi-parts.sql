-- Each flow's total with its share of the région and of France, and its change from the year before (when loaded).
select case g.flow when 'E' then 'Exportations' else 'Importations' end as "Flux",
       g.value_eur / 1000000.0 as "M€",
       g.share_of_region as "Part de la région",
       g.share_of_france as "Part de la France",
       g.value_eur::numeric / nullif(g.previous_year_eur, 0) - 1 as "Évolution sur un an"
from mart.geo_total g
join mart.territory t on t.geo = g.geo
where t.label = {{territoire}} and g.year = {{annee}}
order by g.flow
