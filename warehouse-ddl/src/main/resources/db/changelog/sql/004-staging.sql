--liquibase formatted sql

--changeset trade-warehouse:004-staging
--comment: Raw rows of a load in progress, keyed by the load job's instance id; emptied when the load is published.
--comment: Unlogged: staging is rebuilt from the files if PostgreSQL crashes (the publish step checks nothing was lost).
--comment: Only what publishing reads: the région and A129 of each code travel in the staging step's summary.
create unlogged table staging.trade_row (
    load_id      bigint not null,
    flow         char(1) not null,
    time_key     integer not null,            -- year * 10 + quarter, as dw.dim_time
    dep_code     text not null,
    cpf4         text not null,
    country      text not null,
    value_eur    bigint not null,
    mass_kg      bigint not null
);

-- Lines that could not be read, kept after the load as its audit trail.
create table staging.reject (
    load_id    bigint not null,
    file       text not null,
    line       bigint not null,
    raw        text not null,
    reason     text not null,
    value_eur  bigint                         -- when the value field could still be read
);
create index reject_load_idx on staging.reject (load_id);

create table staging.annex_label (
    load_id     bigint not null,
    kind        text not null,
    code        text not null,
    label       text not null,
    valid_from  integer not null,
    valid_to    integer not null,
    region_code text,
    region_name text
);
