--liquibase formatted sql

--changeset trade-warehouse:003-dimensions
--comment: Dimensions of the star schema. Natural codes are DGDDI's; surrogate keys are ours.
create table dw.dim_time (
    time_key integer primary key,          -- year * 10 + quarter: stable across reloads, readable
    year     smallint not null,
    quarter  smallint not null check (quarter between 1 and 4),
    label    text not null,                -- 2024-T3
    unique (year, quarter)
);

create table dw.dim_geography (
    geo_key            serial primary key,
    dep_code           text not null unique,  -- DGDDI code: 87; 20 = all of Corse; 9A-9E = DOM; 99 = Monaco
    dep_insee_codes    text[] not null,       -- {87}; {2A,2B} for 20; {971} for 9A; {} for Monaco
    dep_name           text not null,
    region_code        text not null,         -- DGDDI's internal code (09 = Nouvelle-Aquitaine), not INSEE's
    region_name        text not null,         -- DGDDI's label
    region_insee_code  text,                  -- INSEE code of the département's région (75); per DOM its own (01-06)
    region_insee_name  text,
    known              boolean not null       -- false: code seen in data but absent from the annex
);

create table dw.dim_product (
    product_key  serial primary key,
    cpf4         text not null unique,
    cpf4_label   text not null,
    a129         text not null,
    a129_label   text not null,
    a88 text, a88_label text,
    a64 text, a64_label text,
    a38 text, a38_label text,
    a21 text, a21_label text,
    a17 text, a17_label text,
    a10 text, a10_label text,
    known        boolean not null             -- false: CPF4 seen in data but absent from the annex
);

create table dw.dim_partner_country (
    partner_key  serial primary key,
    code         text not null unique,        -- DGDDI partner code (~ ISO alpha-2, plus FR, QU, QR, QS...)
    label        text not null,               -- French label valid for the latest period loaded
    eu27         boolean not null,
    known        boolean not null             -- false: code seen in data but absent from the annex
);

--changeset trade-warehouse:003-annex-labels
--comment: Every label the customs annexes ever gave, with its validity, so later loads without annexes keep them.
create table dw.annex_label (
    kind        text not null check (kind in ('CPF4', 'A129', 'PAYS', 'DEPARTEMENT')),
    code        text not null,
    label       text not null,
    valid_from  integer not null,             -- AAAAMM
    valid_to    integer not null,             -- AAAAMM, 999912 = still valid
    region_code text,                         -- DEPARTEMENT only
    region_name text,                         -- DEPARTEMENT only
    primary key (kind, code, valid_from)
);

--changeset trade-warehouse:003-facts
--comment: Grain: quarter x département x CPF4 x partner x flow. No foreign keys: facts are only ever written
--comment: set-based by the load job, joined to the dimensions, and FK triggers would double the load time.
create table dw.load (
    load_id              bigint primary key,  -- the load job's instance id
    published_at         timestamptz not null default now(),
    sources              text not null,
    sha256               text not null,
    rows_read            bigint not null,
    rows_loaded          bigint not null,
    rows_rejected        bigint not null,
    value_rejected_eur   bigint not null
);

create table dw.fact_trade (
    time_key     integer not null,
    geo_key      integer not null,
    product_key  integer not null,
    partner_key  integer not null,
    flow         char(1) not null check (flow in ('E', 'I')),
    value_eur    bigint not null check (value_eur >= 0),
    mass_kg      bigint not null check (mass_kg >= 0),
    load_id      bigint not null
) partition by list (flow);

-- One partition per flow, each split per quarter (time_key): a load builds the new (quarter, flow) slices beside
-- the old ones and swaps them in at commit, so replacing a slice never rewrites or locks the others.
-- No primary key: the customs files hold one line per (quarter, département, CPF4, country, flow) and the facts
-- keep one row per line; a unique index would double the load time for a check the source already makes.
create table dw.fact_trade_e partition of dw.fact_trade for values in ('E') partition by list (time_key);
create table dw.fact_trade_i partition of dw.fact_trade for values in ('I') partition by list (time_key);

-- Which load wrote each (year, quarter, flow) slice: the newest publication of a quarter wins.
create table dw.load_slice (
    year       smallint not null,
    quarter    smallint not null,
    flow       char(1) not null,
    load_id    bigint not null references dw.load,
    rows       bigint not null,
    value_eur  bigint not null,
    primary key (year, quarter, flow)
);
