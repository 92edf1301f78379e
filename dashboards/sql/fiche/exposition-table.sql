-- Each flow's parts with the United States, China and the 26 other EU members, and the concentration of its partners
-- (Herfindahl-Hirschman index: the sum of the squared shares of every partner country, from 0, spread over many, to 1,
-- one only), for the territory and for France.
select case x.flow when 'E' then 'Exportations' else 'Importations' end as "Flux",
       t.name as "Territoire",
       x.share_united_states as "Part des États-Unis",
       x.share_china as "Part de la Chine",
       x.share_eu27 as "Part de l'UE (26 autres membres)",
       x.partner_concentration as "Concentration des partenaires"
from mart.territory_scope s
join mart.territory t on t.geo = s.geo
join mart.partner_exposure x on x.geo = s.geo and x.year = {{annee}}
where s.label = {{territoire}} and s.scope in ('territoire', 'france')
order by x.flow, s.scope = 'france'
