--liquibase formatted sql

--changeset trade-warehouse:018-staging-into-slices
--comment: A load stages its rows straight into its new fact slices, with their dimension keys (tables of the load's own,
--comment: staging.fact_trade_<load id>, partitioned by flow and quarter as dw.fact_trade), which publishing attaches to
--comment: the warehouse: no second pass from a staging table into the facts. A code no dimension holds yet gets its key
--comment: while staging, reserved from the dimension's sequence and kept here so that a resumed load gives it the same
--comment: key; publishing inserts the dimension row with it. A load in progress when the warehouse is upgraded cannot
--comment: resume (its staged rows are dropped with staging.trade_row): it fails at publishing and is loaded again.
drop table staging.trade_row;

create table staging.dim_key (
    load_id  bigint not null,
    kind     text not null check (kind in ('DEPARTEMENT', 'CPF4', 'PAYS')),
    code     text not null,
    key      integer not null,
    primary key (load_id, kind, code)
);
