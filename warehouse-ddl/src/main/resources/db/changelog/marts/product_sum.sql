--liquibase formatted sql

--changeset trade-warehouse:mart-product_sum runOnChange:true splitStatements:false
--comment: mart.product_sum's rows for some years: each territory's products summed per level and ranked per flow (ties:
--comment: smaller code first); the CPF4 level is cpf4_sum as it is, only A129 and A38 are summed.
create or replace function mart.product_sum_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), level text, product text, value_eur bigint, lines bigint,
                   rank bigint)
    language sql stable parallel safe
as $$
select geo, year, flow, level, product, value_eur, lines,
       row_number() over (partition by geo, year, flow, level order by value_eur desc, product) as rank
from (select c.geo, c.year, c.flow, 'CPF4' as level, c.cpf4 as product, c.value_eur, c.lines
      from mart.cpf4_sum c
      where c.year = any(years)
      union all
      select c.geo, c.year, c.flow, l.level, l.code, sum(c.value_eur)::bigint, sum(c.lines)::bigint
      from mart.cpf4_sum c
      join mart.product_level l on l.cpf4 = c.cpf4 and l.level <> 'CPF4'
      where c.year = any(years)
      group by 1, 2, 3, 4, 5) s
$$;
