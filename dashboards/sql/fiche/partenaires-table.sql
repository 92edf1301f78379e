-- The 10 main partner countries with their imports, exports and balance, as figures beside the chart.
select p.rank as "Rang", p.country_name as "Pays",
       p.imports_eur / 1000000.0 as "Importations (M€)",
       p.exports_eur / 1000000.0 as "Exportations (M€)",
       p.balance_eur / 1000000.0 as "Solde (M€)"
from mart.partner_ranking p
join mart.territory t on t.geo = p.geo
where t.label = {{territoire}} and p.year = {{annee}} and p.rank <= 10
order by p.rank
