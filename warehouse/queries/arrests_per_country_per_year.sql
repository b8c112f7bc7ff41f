-- How many arrests and searches were there per country per year?
-- Each operation counts once, its figures reconciled across its reports (the rules are in
-- COMMENT ON VIEW v_operation_country_enforcement: SELECT comment FROM duckdb_views()).
SELECT year, country_key, any_value(country_name) AS country,
       count(*) AS operations,
       sum(arrests) AS arrests,
       sum(searches) AS searches
FROM v_operation_country_enforcement
GROUP BY year, country_key
ORDER BY year DESC NULLS LAST, arrests DESC NULLS LAST, country_key;
