--liquibase formatted sql

--changeset trade-warehouse:017-marts-as-tables splitStatements:false
--comment: A load refreshes the rankings of the years it touched only (and of the year after, whose change from the
--comment: previous year they give), not every year the warehouse holds: the marts become tables that the refresh
--comment: deletes and fills again year by year, same names, columns and keys. What each holds is now defined once, in
--comment: marts/*.sql, applied again whenever that file changes: a function per mart giving its rows for some years
--comment: (mart.geo_total_rows(years, quarters)...), and the views over the marts. A table changes only in a numbered
--comment: changeset such as this one. The marts are empty after this changeset: they are rebuilt at the next start of
--comment: the application (MartsAfterUpgrade), as after any change of their definitions.
drop view mart.sankey_flow;
drop view mart.product_top;
drop materialized view mart.sankey_link;
drop materialized view mart.product_ranking;
drop materialized view mart.partner_ranking;
drop materialized view mart.geo_total;
drop materialized view mart.sankey_pair;
drop materialized view mart.sankey_product_key;
drop materialized view mart.sankey_country_key;
drop materialized view mart.product_sum;
drop materialized view mart.sankey_country;
drop view mart.partner_cell;
drop view mart.product_cell;
drop materialized view mart.partner_sum;
drop materialized view mart.cpf4_sum;
drop function mart.territory_sums(boolean);

-- Read by the other marts only: each territory's sums per partner country and per CPF4, the top 10 partners of each
-- Sankey, the products' sums per level, the Sankeys' named countries and products with the keys of their facts, and the
-- links between them. Each is deleted and filled again per year: an index on the year finds a year's rows.
create table mart.partner_sum (geo text, year smallint, flow char(1), country text, value_eur bigint, lines bigint);
create table mart.cpf4_sum (geo text, year smallint, flow char(1), cpf4 text, value_eur bigint, lines bigint);
create table mart.sankey_country (geo text, year smallint, flow char(1), country text, value_eur bigint, lines bigint);
create table mart.product_sum (geo text, year smallint, flow char(1), level text, product text, value_eur bigint,
                               lines bigint, rank bigint);
create table mart.sankey_country_key (country_id bigint, sankey bigint, geo text, year smallint, flow char(1),
                                      country text, cell bigint);
create table mart.sankey_product_key (product_id bigint, year smallint, level text, product text, cell bigint);
create table mart.sankey_pair (sankey bigint, geo text, year smallint, flow char(1), level text, product text,
                               country text, value_eur bigint, lines bigint);
create index partner_sum_year on mart.partner_sum (year);
create index cpf4_sum_year on mart.cpf4_sum (year);
create index sankey_country_year on mart.sankey_country (year);
create index product_sum_year on mart.product_sum (year);
create index sankey_country_key_year on mart.sankey_country_key (year);
create index sankey_product_key_year on mart.sankey_product_key (year);
create index sankey_pair_year on mart.sankey_pair (year);
-- as declared in 015 for the Sankey's pass over the facts, per refreshed years (a year's ids, numbered anew each time)
alter table mart.sankey_country_key alter column country_id set (n_distinct = 100);
alter table mart.sankey_product_key alter column product_id set (n_distinct = 700);

-- Read by the fiche and the dashboards, with their keys as before.
create table mart.geo_total (geo text, year smallint, flow char(1), value_eur bigint, share_of_region numeric,
                             share_of_france numeric, previous_year_eur bigint);
create table mart.partner_ranking (geo text, year smallint, country text, country_name text, imports_eur bigint,
                                   exports_eur bigint, balance_eur bigint, rank bigint, previous_imports_eur bigint,
                                   previous_exports_eur bigint);
create table mart.product_ranking (geo text, year smallint, flow char(1), level text, product text, product_name text,
                                   value_eur bigint, share numeric, rank bigint, previous_year_eur bigint);
create table mart.sankey_link (geo text, year smallint, flow char(1), level text, product text, country text,
                               value_eur bigint, highlight_rank smallint);
create unique index geo_total_key on mart.geo_total (geo, year, flow);
create unique index partner_ranking_key on mart.partner_ranking (geo, year, country);
create unique index product_ranking_key on mart.product_ranking (geo, year, flow, level, product);
create unique index sankey_link_key on mart.sankey_link (geo, year, flow, level, product, country);
create index geo_total_year on mart.geo_total (year);
create index partner_ranking_year on mart.partner_ranking (year);
create index product_ranking_year on mart.product_ranking (year);
create index sankey_link_year on mart.sankey_link (year);

-- What the marts were last refreshed from: the fingerprints of their definitions and of the dimensions' labels. When
-- either changes, the next refresh rebuilds every year, not only those a load touched.
create table mart.refresh_state (item text primary key, fingerprint text not null);
revoke select on mart.refresh_state from trade_reader;
