--liquibase formatted sql

--changeset trade-warehouse:014-slice-sums splitStatements:false
--comment: The rankings start from sums the load writes with each (quarter, flow) slice, instead of summing every fact
--comment: line of every year again at each refresh (a full year: 385,000 sums instead of 3 million lines). The load
--comment: sums its rows while staging them, on a thread of its own, and its publish transaction swaps the sums in with
--comment: the fact slices, split the same way. mart.trade_sum keeps its columns and rows (checked on a full year); it is
--comment: built beside the old one, which only two views read.

-- Each slice's facts summed per département and partner country, and per département and CPF4: a row holds a country
-- or a CPF4, the other is null. Codes, as staged: the sums are made before the publish transaction gives the load's
-- new codes their dimension keys. lines: the fact lines summed (a Sankey link exists when one does).
create table dw.slice_sum (
    time_key   integer not null,
    flow       char(1) not null,
    dep_code   text not null,
    country    text,
    cpf4       text,
    value_eur  bigint not null,
    lines      integer not null,
    check ((country is null) <> (cpf4 is null))
) partition by list (flow);
create table dw.slice_sum_e partition of dw.slice_sum for values in ('E') partition by list (time_key);
create table dw.slice_sum_i partition of dw.slice_sum for values in ('I') partition by list (time_key);

-- A warehouse upgraded with facts already loaded gets the sums of its slices from its facts.
do $$
declare s record;
begin
    for s in select distinct flow, time_key from dw.fact_trade loop
        execute format('create table dw.slice_sum_%s_%s partition of dw.slice_sum_%s for values in (%s)',
                       lower(s.flow), s.time_key, lower(s.flow), s.time_key);
    end loop;
end
$$;
insert into dw.slice_sum (time_key, flow, dep_code, country, cpf4, value_eur, lines)
select s.time_key, s.flow, g.dep_code, c.code, p.cpf4, s.value_eur, s.lines
from (select time_key, flow, geo_key, partner_key, product_key, sum(value_eur)::bigint as value_eur, count(*)::integer as lines
      from dw.fact_trade
      group by grouping sets ((time_key, flow, geo_key, partner_key), (time_key, flow, geo_key, product_key))) s
join dw.dim_geography g on g.geo_key = s.geo_key
left join dw.dim_partner_country c on c.partner_key = s.partner_key
left join dw.dim_product p on p.product_key = s.product_key;

create materialized view mart.trade_sum_of_slices as
with dep as (
    select (time_key / 10)::smallint as year, flow, dep_code, country, cpf4, sum(value_eur)::bigint as value_eur,
           sum(lines)::bigint as lines
    from dw.slice_sum
    group by 1, 2, 3, 4, 5),
named as (
    select d.year, d.flow, d.dep_code, g.region_code, d.country, d.cpf4, d.value_eur, d.lines
    from dep d
    join dw.dim_geography g on g.dep_code = d.dep_code)
select 'dep:' || dep_code as geo, year, flow, country, cpf4, value_eur, lines from named
union all
select 'reg:' || region_code, year, flow, country, cpf4, sum(value_eur)::bigint, sum(lines)::bigint from named
group by region_code, year, flow, country, cpf4
union all
select 'fr', year, flow, country, cpf4, sum(value_eur)::bigint, sum(lines)::bigint from named
group by year, flow, country, cpf4
with no data;
create or replace view mart.partner_cell as
select geo, year, flow, country, value_eur, lines from mart.trade_sum_of_slices where country is not null;
create or replace view mart.product_cell as
select geo, year, flow, cpf4, value_eur, lines from mart.trade_sum_of_slices where cpf4 is not null;
drop materialized view mart.trade_sum;
alter materialized view mart.trade_sum_of_slices rename to trade_sum;
drop function mart.flow_sums(char);
