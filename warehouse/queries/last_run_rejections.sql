-- What did the latest build reject or skip, at which stage, and why?
SELECT f.source_path, f.status, f.stage, f.reason, l.started_at
FROM run_file f JOIN run_ledger l USING (run_id)
WHERE l.run_id = (SELECT run_id FROM run_ledger ORDER BY started_at DESC LIMIT 1)
  AND f.status IN ('quarantined', 'skipped')
ORDER BY f.status, f.source_path;
