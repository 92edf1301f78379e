--liquibase formatted sql

--changeset trade-warehouse:008-source-check
--comment: Every decision of the scheduled fetch, one row per source and pass: a publication address checked (with the
--comment: validators the site answered and the SHA-256 of what was downloaded) or a file dropped in the inbox; what was
--comment: decided (loaded, unchanged, failed, skipped-busy), why, and the load it started.
create table dw.source_check (
    check_id       bigint generated always as identity primary key,
    checked_at     timestamptz not null default now(),
    source         text not null,   -- the publication address, or 'inbox/' and the file's name
    etag           text,
    last_modified  text,
    sha256         text,            -- of the file downloaded or dropped, when it could be read
    decision       text not null check (decision in ('loaded', 'unchanged', 'failed', 'skipped-busy')),
    reason         text,
    load_id        bigint,          -- the load job's instance id, when a load was started
    archived_as    text             -- where the downloaded file was kept
);

create index source_check_by_source on dw.source_check (source, check_id desc);
create index source_check_by_load on dw.source_check (load_id) where load_id is not null;
