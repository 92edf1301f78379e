--liquibase formatted sql

--changeset trade-warehouse:mart-partner_sum runOnChange:true splitStatements:false
--comment: mart.partner_sum's rows for some years: each territory's trade per flow and partner country.
create or replace function mart.partner_sum_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), country text, value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
select geo, year, flow::char(1), code, value_eur, lines from mart.territory_sums(true, quarters)
$$;
