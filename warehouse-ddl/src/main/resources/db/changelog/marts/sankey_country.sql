--liquibase formatted sql

--changeset trade-warehouse:mart-sankey_country runOnChange:true splitStatements:false
--comment: mart.sankey_country's rows for some years: each Sankey's named countries, the top 10 partners of the flow
--comment: by value (ties: smaller code first).
create or replace function mart.sankey_country_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), country text, value_eur bigint, lines bigint)
    language sql stable parallel safe
as $$
select geo, year, flow, country, value_eur, lines
from (select c.*, row_number() over (partition by geo, year, flow order by value_eur desc, country) as rank
      from mart.partner_sum c
      where c.year = any(years) and c.value_eur > 0) ranked
where rank <= 10
$$;
