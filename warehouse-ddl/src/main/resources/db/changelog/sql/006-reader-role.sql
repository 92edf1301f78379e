--liquibase formatted sql

--changeset trade-warehouse:006-reader-role splitStatements:false
--comment: The role dashboards (Metabase) read the warehouse with: SELECT on the marts and the dimension tables, nothing
--comment: else (no facts, no staging, no job repository, no writes). It cannot log in until the application is given
--comment: TRADE_READER_PASSWORD: no secret lives in the changelog.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'trade_reader') then
        create role trade_reader nologin;
    end if;
end
$$;
grant usage on schema mart, dw to trade_reader;
grant select on all tables in schema mart to trade_reader;
alter default privileges in schema mart grant select on tables to trade_reader;
grant select on dw.dim_time, dw.dim_geography, dw.dim_product, dw.dim_partner_country to trade_reader;
