-- Which agency names should curators add to the registry in reference/? (most frequent first)
SELECT alias, mentions, documents, countries, example_source_path, example_evidence
FROM v_unresolved_names
ORDER BY mentions DESC, documents DESC, alias;
