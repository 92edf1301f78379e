--liquibase formatted sql

--changeset trade-warehouse:mart-cpf4_sum runOnChange:true splitStatements:false
--comment: mart.cpf4_sum's rows for some years: each territory's trade per flow and CPF4 product.
create or replace function mart.cpf4_sum_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), cpf4 text, value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
select geo, year, flow::char(1), code, value_eur, lines from mart.territory_sums(false, quarters)
$$;
