--liquibase formatted sql

--changeset trade-warehouse:mart-territory_sums runOnChange:true splitStatements:false
--comment: The slice sums of some quarters per territory: each département's, summed per région and for France; per
--comment: partner country (by_country) or per CPF4. quarters are time keys (year * 10 + quarter), which the slice sums
--comment: are partitioned on: only those partitions are read. (A function's columns lose their length: flow is cast
--comment: back to char(1) by the marts.)
create or replace function mart.territory_sums(by_country boolean, quarters integer[])
    returns table (geo text, year smallint, flow char(1), code text, value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
with dep as (
    select (s.time_key / 10)::smallint as year, s.flow, s.dep_code, case when by_country then s.country else s.cpf4 end as code,
           sum(s.value_eur)::bigint as value_eur, sum(s.lines)::bigint as lines
    from dw.slice_sum s
    where s.time_key = any(quarters) and (case when by_country then s.country else s.cpf4 end) is not null
    group by 1, 2, 3, 4),
named as (
    select d.year, d.flow, d.dep_code, g.region_code, d.code, d.value_eur, d.lines
    from dep d
    join dw.dim_geography g on g.dep_code = d.dep_code)
select 'dep:' || dep_code, year, flow, code, value_eur, lines from named
union all
select 'reg:' || region_code, year, flow, code, sum(value_eur)::bigint, sum(lines)::bigint from named
group by region_code, year, flow, code
union all
select 'fr', year, flow, code, sum(value_eur)::bigint, sum(lines)::bigint from named
group by year, flow, code
$$;
