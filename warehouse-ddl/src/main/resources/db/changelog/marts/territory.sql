--liquibase formatted sql

--changeset trade-warehouse:mart-territory runOnChange:true splitStatements:false
--comment: Every territory a fiche is made for: each département, each région, France, with the label dashboards
--comment: filter on ("Haute-Vienne (87)", "Nouvelle-Aquitaine (région)", "France"). Columns may be added at the end
--comment: only: a view's columns cannot be renamed or removed in place (drop it in a numbered changeset first).
create or replace view mart.territory as
select 'dep:' || dep_code as geo, 'departement' as level, dep_code as code, dep_name as name,
       'reg:' || region_code as region_geo, region_name, dep_name || ' (' || dep_code || ')' as label
from dw.dim_geography
union all
select distinct 'reg:' || region_code, 'region', region_code, region_name, null, null, region_name || ' (région)'
from dw.dim_geography
union all
select 'fr', 'france', 'FR', 'France', null, null, 'France';
