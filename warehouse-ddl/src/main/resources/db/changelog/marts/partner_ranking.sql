--liquibase formatted sql

--changeset trade-warehouse:mart-partner_ranking runOnChange:true splitStatements:false
--comment: mart.partner_ranking's rows for some years: each territory's partner countries with imports, exports and
--comment: balance, ranked by imports + exports (ties: smaller code first), and the year before's figures.
create or replace function mart.partner_ranking_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, country text, country_name text, imports_eur bigint, exports_eur bigint,
                   balance_eur bigint, rank bigint, previous_imports_eur bigint, previous_exports_eur bigint)
    language sql stable parallel safe
as $$
with c as (
    select geo, year, country,
           coalesce(sum(value_eur) filter (where flow = 'I'), 0)::bigint as imports_eur,
           coalesce(sum(value_eur) filter (where flow = 'E'), 0)::bigint as exports_eur
    from mart.partner_sum
    where year = any(mart.with_previous_years(years))
    group by 1, 2, 3)
select c.geo, c.year, c.country, pc.label, c.imports_eur, c.exports_eur, c.exports_eur - c.imports_eur,
       row_number() over (partition by c.geo, c.year order by c.imports_eur + c.exports_eur desc, c.country),
       p.imports_eur, p.exports_eur
from c
join dw.dim_partner_country pc on pc.code = c.country
left join c p on p.geo = c.geo and p.year = c.year - 1 and p.country = c.country
where c.year = any(years)
$$;
