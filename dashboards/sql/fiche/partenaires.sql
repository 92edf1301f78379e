-- The 10 main partner countries: imports negated (bars to the left), exports to the right, and the balance split in
-- two series so that a deficit and a surplus each get their own fixed colour (Metabase has no diverging chart).
select p.country_name as "Pays",
       -p.imports_eur / 1000000.0 as "Importations",
       p.exports_eur / 1000000.0 as "Exportations",
       case when p.balance_eur < 0 then p.balance_eur / 1000000.0 end as "Déficit",
       case when p.balance_eur > 0 then p.balance_eur / 1000000.0 end as "Excédent"
from mart.partner_ranking p
join mart.territory t on t.geo = p.geo
where t.label = {{territoire}} and p.year = {{annee}} and p.rank <= 10
order by p.rank
