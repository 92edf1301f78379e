--liquibase formatted sql

--changeset trade-warehouse:mart-territory_scope runOnChange:true splitStatements:false
--comment: The three scopes of a fiche, by the chosen territory's label: the territory itself, its région (a région or
--comment: France is its own) and France. Lets a dashboard card show the région's Sankey from the département's filter.
create or replace view mart.territory_scope as
select t.label, s.scope, s.geo
from mart.territory t
cross join lateral (values ('territoire', t.geo),
                           ('region', coalesce(t.region_geo, t.geo)),
                           ('france', 'fr')) as s(scope, geo);
