--liquibase formatted sql

--changeset trade-warehouse:mart-product_top runOnChange:true splitStatements:false
--comment: The 10 main products of each flow at each level, then "Autres produits" (rank 11) for the rest of the flow.
create or replace view mart.product_top as
select geo, year, flow, level, rank, product, product_name, value_eur, share
from mart.product_ranking
where rank <= 10
union all
select g.geo, g.year, g.flow, l.level, 11, 'AUTRES', 'Autres produits', g.value_eur - t.top_eur,
       (g.value_eur - t.top_eur)::numeric / g.value_eur
from mart.geo_total g
cross join (values ('A129'), ('A38'), ('CPF4')) as l(level)
cross join lateral (select coalesce(sum(p.value_eur), 0) as top_eur
                    from mart.product_ranking p
                    where p.geo = g.geo and p.year = g.year and p.flow = g.flow and p.level = l.level
                      and p.rank <= 10) as t
where g.value_eur > t.top_eur;
