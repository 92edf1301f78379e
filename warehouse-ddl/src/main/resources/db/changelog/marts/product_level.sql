--liquibase formatted sql

--changeset trade-warehouse:mart-product_level runOnChange:true splitStatements:false
--comment: Each CPF4's code and label at the three product levels of the fiche. A CPF4 outside NA 2008 falls under A38 '?'.
create or replace view mart.product_level as
select p.product_key, p.cpf4, l.level, l.code, l.label
from dw.dim_product p
cross join lateral (values ('CPF4', p.cpf4, p.cpf4_label), ('A129', p.a129, p.a129_label),
                           ('A38', coalesce(p.a38, '?'), coalesce(p.a38_label, 'Produits non classés'))) as l(level, code, label);
