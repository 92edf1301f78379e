--liquibase formatted sql

--changeset trade-warehouse:019-trend-exposure-dependence splitStatements:false
--comment: Three marts for the questions the fiche's context raises (docs/FICHE.md): each territory's trade per quarter
--comment: (the trend), its exposure to the United States, China and the rest of the EU-27 with the concentration of its
--comment: partners, and for each of its top 10 products the main partner country and the United States' part (the
--comment: dependence). What each holds is defined in marts/quarter_total.sql, partner_exposure.sql, product_supplier.sql;
--comment: they are empty after this changeset and rebuilt at the next start (MartsAfterUpgrade).
create table mart.quarter_total (geo text, year smallint, quarter smallint, flow char(1), value_eur bigint);
create table mart.partner_exposure (geo text, year smallint, flow char(1), value_eur bigint, united_states_eur bigint,
                                    china_eur bigint, eu27_eur bigint, share_united_states numeric, share_china numeric,
                                    share_eu27 numeric, partner_concentration numeric);
create table mart.product_supplier (geo text, year smallint, flow char(1), level text, product text, value_eur bigint,
                                    top_country text, top_country_eur bigint, united_states_eur bigint);
create unique index quarter_total_key on mart.quarter_total (geo, year, quarter, flow);
create unique index partner_exposure_key on mart.partner_exposure (geo, year, flow);
create unique index product_supplier_key on mart.product_supplier (geo, year, flow, level, product);
create index quarter_total_year on mart.quarter_total (year);
create index partner_exposure_year on mart.partner_exposure (year);
create index product_supplier_year on mart.product_supplier (year);
