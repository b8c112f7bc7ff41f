-- Which operations were reported with conflicting figures, and which documents say what?
SELECT operation_key, operation_name, metric, value, documents, metric_documents,
       is_consensus, source_paths
FROM v_figure_disagreements
ORDER BY operation_key, metric, documents DESC, value;
