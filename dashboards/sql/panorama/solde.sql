-- The 10 largest surpluses then the 10 largest deficits (exports - imports), each in its own series so that it gets
-- its colour: green to the right, red to the left.
with balance as (
    select t.code, t.label, coalesce(e.value_eur, 0) - coalesce(i.value_eur, 0) as balance_eur
    from mart.territory t
    left join mart.geo_total e on e.geo = t.geo and e.year = {{annee}} and e.flow = 'E'
    left join mart.geo_total i on i.geo = t.geo and i.year = {{annee}} and i.flow = 'I'
    where t.level = 'departement' and (e.geo is not null or i.geo is not null)),
shown as (
    (select * from balance where balance_eur > 0 order by balance_eur desc, code limit 10)
    union all
    (select * from balance where balance_eur < 0 order by balance_eur, code limit 10))
select label as "Département",
       case when balance_eur > 0 then balance_eur / 1000000.0 end as "Excédent",
       case when balance_eur < 0 then balance_eur / 1000000.0 end as "Déficit"
from shown
order by balance_eur desc, code
