-- Where does each figure of one operation come from? Every stated figure with its sentence and file.
-- In the shell: SET VARIABLE operation_key = 'op-...'; .read warehouse/queries/audit_figures_of_one_operation.sql
-- (without the variable: the operation with the most figures)
WITH chosen AS (
    SELECT coalesce(getvariable('operation_key'),
                    (SELECT operation_key FROM fact_operation_metric GROUP BY operation_key
                     ORDER BY count(*) DESC, operation_key LIMIT 1)) AS operation_key
)
SELECT f.metric, f.value, f.qualifier, f.unit, f.country_key, f.figure_text, d.source_path,
       f.char_start, f.char_end, f.evidence
FROM chosen
JOIN fact_operation_metric f USING (operation_key)
JOIN dim_document d USING (document_key)
ORDER BY f.metric, d.source_path, f.figure_start;
