-- The 20 départements whose exports depend most on the United States (the tariff exposure), largest share first.
select t.label as "Département",
       coalesce(us.exports_eur, 0)::numeric / e.value_eur as "Part des exportations vers les États-Unis"
from mart.territory t
join mart.geo_total e on e.geo = t.geo and e.year = {{annee}} and e.flow = 'E' and e.value_eur > 0
left join mart.partner_ranking us on us.geo = t.geo and us.year = {{annee}} and us.country = 'US'
where t.level = 'departement'
order by 2 desc, t.code
limit 20
