--liquibase formatted sql

--changeset trade-warehouse:mart-quarter_total runOnChange:true splitStatements:false
--comment: mart.quarter_total's rows for some years: each territory's trade per quarter and flow, from the slice sums.
--comment: France has a row for every slice loaded (even one without a line): a quarter and flow without France's row is
--comment: not loaded; with it, a territory without a row of its own had no trade then.
create or replace function mart.quarter_total_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, quarter smallint, flow char(1), value_eur bigint)
    language sql stable parallel safe
as $$
with dep as (
    select s.time_key, s.flow, g.dep_code, g.region_code, sum(s.value_eur)::bigint as value_eur
    from dw.slice_sum s
    join dw.dim_geography g on g.dep_code = s.dep_code
    where s.time_key = any(quarters) and s.country is not null
    group by 1, 2, 3, 4),
territory as (
    select 'dep:' || dep_code as geo, time_key, flow, value_eur from dep
    union all
    select 'reg:' || region_code, time_key, flow, sum(value_eur)::bigint from dep group by region_code, time_key, flow)
select geo, (time_key / 10)::smallint, (time_key % 10)::smallint, flow::char(1), value_eur from territory
union all
select 'fr', l.year, l.quarter, l.flow, coalesce(sum(d.value_eur), 0)::bigint
from dw.load_slice l
left join dep d on d.time_key = l.year * 10 + l.quarter and d.flow = l.flow
where l.year = any(years)
group by l.year, l.quarter, l.flow
$$;
