-- Exports and imports per quarter (M€), every quarter loaded up to the year's last. France's rows list the quarters and
-- flows loaded: a flow not loaded in a quarter is empty, a territory without trade in a loaded one is 0.
select l.year || '-T' || l.quarter as "Trimestre",
       max(coalesce(q.value_eur, 0) / 1000000.0) filter (where l.flow = 'E') as "Exportations (M€)",
       max(coalesce(q.value_eur, 0) / 1000000.0) filter (where l.flow = 'I') as "Importations (M€)"
from mart.quarter_total l
join mart.territory t on t.label = {{territoire}}
left join mart.quarter_total q on q.geo = t.geo and q.year = l.year and q.quarter = l.quarter and q.flow = l.flow
where l.geo = 'fr' and l.year <= {{annee}}
group by l.year, l.quarter
order by l.year, l.quarter
