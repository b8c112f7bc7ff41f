-- Which agencies work together most often? (pairs linked to the same operations, in any role)
SELECT agency_a_name, agency_b_name, operations, operation_keys
FROM v_agency_collaboration
ORDER BY operations DESC, agency_a, agency_b
LIMIT 20;
