-- Whose content is pirated most? Platforms and rights holders by the operations that concerned them.
SELECT platform_name, platform_type, operations, documents, first_year, last_year
FROM v_platforms_targeted
ORDER BY operations DESC, documents DESC, platform_name
LIMIT 20;
