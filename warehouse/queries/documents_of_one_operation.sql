-- Which documents report one operation, when were they published and are they about it?
-- In the shell: SET VARIABLE operation_key = 'op-...'; .read warehouse/queries/documents_of_one_operation.sql
-- (without the variable: the operation with the most reports)
WITH chosen AS (
    SELECT coalesce(getvariable('operation_key'),
                    (SELECT operation_key FROM dim_operation ORDER BY document_count DESC, operation_key LIMIT 1))
           AS operation_key
)
SELECT o.operation_key, o.operation_name, d.published_date, d.source_path, d.language, d.title,
       r.is_primary, r.evidence
FROM chosen
JOIN dim_operation o USING (operation_key)
JOIN fact_operation_document r USING (operation_key)
JOIN dim_document d USING (document_key)
ORDER BY d.published_date NULLS LAST, d.source_path;
