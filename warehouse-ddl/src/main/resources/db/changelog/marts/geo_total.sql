--liquibase formatted sql

--changeset trade-warehouse:mart-geo_total runOnChange:true splitStatements:false
--comment: mart.geo_total's rows for some years: each territory's trade per flow with its share of its région and of
--comment: France, and the year before's.
create or replace function mart.geo_total_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), value_eur bigint, share_of_region numeric,
                   share_of_france numeric, previous_year_eur bigint)
    language sql stable parallel safe
as $$
with total as (
    select geo, year, flow, sum(value_eur)::bigint as value_eur
    from mart.partner_sum
    where year = any(mart.with_previous_years(years))
    group by 1, 2, 3)
select t.geo, t.year, t.flow, t.value_eur,
       case when t.geo like 'dep:%' then t.value_eur::numeric / nullif(r.value_eur, 0) end,
       case when t.geo <> 'fr' then t.value_eur::numeric / nullif(f.value_eur, 0) end,
       p.value_eur
from total t
left join dw.dim_geography g on t.geo = 'dep:' || g.dep_code
left join total r on r.geo = 'reg:' || g.region_code and r.year = t.year and r.flow = t.flow
join total f on f.geo = 'fr' and f.year = t.year and f.flow = t.flow
left join total p on p.geo = t.geo and p.year = t.year - 1 and p.flow = t.flow
where t.year = any(years)
$$;
