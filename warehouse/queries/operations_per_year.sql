-- How many operations were there each year, how often were they reported, and where?
-- Year: action date, else announcement, else earliest report; countries in any role.
WITH per_year AS (
    SELECT year, count(*) AS operations, count(lead_country_key) AS with_known_lead,
           sum(reporting_documents) AS reports
    FROM v_operations GROUP BY year
), countries AS (
    SELECT year, count(*) AS countries_involved,
           list(country_key ORDER BY operations DESC, country_key)[1:5] AS most_involved_countries
    FROM v_operations_by_year_country GROUP BY year
)
SELECT p.year, p.operations, p.with_known_lead, p.reports, c.countries_involved, c.most_involved_countries
FROM per_year p LEFT JOIN countries c ON c.year IS NOT DISTINCT FROM p.year
ORDER BY p.year DESC NULLS LAST;
