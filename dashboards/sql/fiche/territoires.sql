-- Values of the "Territoire" filter: France, then the régions, then the départements.
select label as "Territoire"
from mart.territory
order by case level when 'france' then 0 when 'region' then 1 else 2 end, code
