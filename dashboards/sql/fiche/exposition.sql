-- The parts of each flow with the United States, China and the 26 other EU members: the territory's beside France's.
with exposure as (
    select s.scope, x.flow, x.share_united_states, x.share_china, x.share_eu27
    from mart.territory_scope s
    join mart.partner_exposure x on x.geo = s.geo and x.year = {{annee}}
    where s.label = {{territoire}} and s.scope in ('territoire', 'france'))
select case e.flow when 'E' then 'Export' else 'Import' end || ' — ' || p.partner as "Partenaire",
       max(p.share) filter (where e.scope = 'territoire') as "Territoire",
       max(p.share) filter (where e.scope = 'france') as "France"
from exposure e
cross join lateral (values (1, 'États-Unis', e.share_united_states), (2, 'Chine', e.share_china),
                           (3, 'UE (26 autres membres)', e.share_eu27)) as p(n, partner, share)
group by e.flow, p.n, p.partner
order by e.flow, p.n
limit 6
