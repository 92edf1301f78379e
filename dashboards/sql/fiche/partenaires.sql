-- The 10 main partner countries as the fiche draws them: imports to the left (negated), exports to the right, on one
-- bar. Each side is split where the shorter one ends, so that the rest, the balance, has its own colour: on the
-- imports' side a deficit, on the exports' side a surplus; each side keeps its true length.
select p.country_name as "Pays",
       -least(p.imports_eur, p.exports_eur) / 1000000.0 as "Importations (hors déficit)",
       -greatest(p.imports_eur - p.exports_eur, 0) / 1000000.0 as "Déficit",
       least(p.imports_eur, p.exports_eur) / 1000000.0 as "Exportations (hors excédent)",
       greatest(p.exports_eur - p.imports_eur, 0) / 1000000.0 as "Excédent"
from mart.partner_ranking p
join mart.territory t on t.geo = p.geo
where t.label = {{territoire}} and p.year = {{annee}} and p.rank <= 10
order by p.rank
