--liquibase formatted sql

--changeset trade-warehouse:mart-years runOnChange:true splitStatements:false
--comment: Some years and the years before them: the rankings of a year give its change from the year before.
--comment: Immutable, so that a call on constants is one constant array when planned (an index can use it).
create or replace function mart.with_previous_years(years smallint[]) returns smallint[]
    language sql immutable parallel safe
return array(select distinct y from unnest(years) as u(x) cross join lateral (values (x), ((x - 1)::smallint)) as v(y));
