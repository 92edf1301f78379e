--liquibase formatted sql

--changeset trade-warehouse:001-schemas
--comment: dw = star schema, staging = raw loads and rejects, batch = Spring Batch job repository, mart = rankings
create schema if not exists dw;
create schema if not exists staging;
create schema if not exists batch;
create schema if not exists mart;
