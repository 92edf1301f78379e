--liquibase formatted sql

--changeset trade-warehouse:mart-partner_exposure runOnChange:true splitStatements:false
--comment: mart.partner_exposure's rows for some years: each territory's flow with the parts going to (or coming from)
--comment: the United States, China and the 26 other member states of the EU-27 (dim_partner_country.eu27, France's own
--comment: code FR left out), and the concentration of its partners: the Herfindahl-Hirschman index, the sum over every
--comment: partner code of (its value / the flow's)², between 0 and 1. Null when the flow is 0.
create or replace function mart.partner_exposure_rows(years smallint[], quarters integer[])
    returns table (geo text, year smallint, flow char(1), value_eur bigint, united_states_eur bigint, china_eur bigint,
                   eu27_eur bigint, share_united_states numeric, share_china numeric, share_eu27 numeric,
                   partner_concentration numeric)
    language sql stable parallel safe
as $$
with flow as (
    select s.geo, s.year, s.flow, sum(s.value_eur)::bigint as value_eur,
           coalesce(sum(s.value_eur) filter (where s.country = 'US'), 0)::bigint as united_states_eur,
           coalesce(sum(s.value_eur) filter (where s.country = 'CN'), 0)::bigint as china_eur,
           coalesce(sum(s.value_eur) filter (where c.eu27 and c.code <> 'FR'), 0)::bigint as eu27_eur,
           sum(s.value_eur::numeric * s.value_eur) as squares
    from mart.partner_sum s
    join dw.dim_partner_country c on c.code = s.country
    where s.year = any(years)
    group by 1, 2, 3)
select geo, year, flow, value_eur, united_states_eur, china_eur, eu27_eur,
       united_states_eur::numeric / nullif(value_eur, 0),
       china_eur::numeric / nullif(value_eur, 0),
       eu27_eur::numeric / nullif(value_eur, 0),
       squares / nullif(value_eur::numeric * value_eur, 0)
from flow
$$;
