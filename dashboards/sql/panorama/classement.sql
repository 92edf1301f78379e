-- Every département with trade in the year: exports, imports, balance and the share of its exports going to the
-- United States, each with its rank (ties: smaller code first); then the share of its exports going to the 26 other
-- EU members and the concentration of its customer countries (Herfindahl-Hirschman index, 0 to 1), with their ranks.
with dep as (
    select t.code, t.label, t.region_name,
           coalesce(e.value_eur, 0) as exports_eur, coalesce(i.value_eur, 0) as imports_eur,
           coalesce(us.exports_eur, 0) as us_exports_eur, x.share_eu27, x.partner_concentration
    from mart.territory t
    left join mart.geo_total e on e.geo = t.geo and e.year = {{annee}} and e.flow = 'E'
    left join mart.geo_total i on i.geo = t.geo and i.year = {{annee}} and i.flow = 'I'
    left join mart.partner_ranking us on us.geo = t.geo and us.year = {{annee}} and us.country = 'US'
    left join mart.partner_exposure x on x.geo = t.geo and x.year = {{annee}} and x.flow = 'E'
    where t.level = 'departement' and (e.geo is not null or i.geo is not null))
select row_number() over (order by exports_eur desc, code) as "Rang exportations",
       label as "Département",
       region_name as "Région",
       exports_eur / 1000000.0 as "Exportations (M€)",
       imports_eur / 1000000.0 as "Importations (M€)",
       (exports_eur - imports_eur) / 1000000.0 as "Solde (M€)",
       us_exports_eur::numeric / nullif(exports_eur, 0) as "Part des exportations vers les États-Unis",
       row_number() over (order by imports_eur desc, code) as "Rang importations",
       row_number() over (order by exports_eur - imports_eur desc, code) as "Rang solde",
       row_number() over (order by us_exports_eur::numeric / nullif(exports_eur, 0) desc nulls last, code)
           as "Rang part États-Unis",
       share_eu27 as "Part des exportations vers l'UE (26 autres membres)",
       row_number() over (order by share_eu27 desc nulls last, code) as "Rang part UE",
       partner_concentration as "Concentration des pays clients",
       row_number() over (order by partner_concentration desc nulls last, code) as "Rang concentration"
from dep
order by 1
