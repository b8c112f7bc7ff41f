"""Stable operation keys: an operation keeps the key it was first published under.

`transforms.operations.resolve_operations` decides which reports belong together and proposes a
signature key for each group (`op-<name>-<edition>`, `op-<lead country>-<day>`, ...). A signature
can change when a new report joins (an earlier action day, a better-known lead country), and two
operations can become one when a new report bridges them. Notebooks and saved queries hold on to
keys, so a key once published is never given to another operation and never silently vanishes:

- a group that holds reports of already published operations keeps the key most of its documents
  were published under (ties: the key published first, then alphabetical);
- a published key no group keeps (two operations merged, or a report moved) is retired and
  recorded with the key that now holds most of its former documents;
- a new group takes its signature, suffixed `-2`, `-3`, ... if another group holds that key or it
  was retired (a key whose reports all left, e.g. its only document was edited, is free again).

Rebuilding from an empty warehouse gives every group its signature, so the same corpus gives the
same keys whatever order its documents arrived in; only an incremental history can differ, and then
the retired keys say where each old key went.
"""
from __future__ import annotations

import polars as pl

RETIREMENT_SCHEMA = {"retired_key": pl.String, "operation_key": pl.String}


def assign_stable_keys(
    resolved: pl.DataFrame, published: pl.DataFrame, retired: set[str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Replace proposed keys with published ones where the operation already has one.

    resolved: (report_key, document_key, operation_key) as proposed by `resolve_operations`.
    published: (report_key, document_key, operation_key, published_order) for reports that were
      already resolved in an earlier run: the key they hold, and the rank of that key's first
      publication (smaller is older).
    retired: keys retired earlier, never handed out again.
    Returns the resolved frame with stable keys, and the keys retired now
    (retired_key, operation_key)."""
    retired = set(retired or ())
    if resolved.height == 0:
        return resolved, pl.DataFrame(schema=RETIREMENT_SCHEMA)
    votes = (
        resolved.join(published.rename({"operation_key": "published_key"}),
                      on=["report_key", "document_key"], how="inner")
        .group_by("operation_key", "published_key")
        .agg(documents=pl.col("document_key").n_unique(), order=pl.col("published_order").min())
    )
    # the strongest claims first: most documents, then the oldest key, then alphabetical
    claims = votes.sort(["documents", "order", "published_key", "operation_key"],
                        descending=[True, False, False, False])
    kept: dict[str, str] = {}  # proposed group key -> published key it keeps
    taken: set[str] = set()
    for group, key in claims.select("operation_key", "published_key").iter_rows():
        if group not in kept and key not in taken:
            kept[group] = key
            taken.add(key)
    final: dict[str, str] = dict(kept)
    for group in sorted(set(resolved["operation_key"].to_list()) - set(kept)):
        key, suffix = group, 2
        while key in retired or key in taken:
            key = f"{group}-{suffix}"
            suffix += 1
        final[group] = key
        taken.add(key)
    mapping = pl.DataFrame({"operation_key": list(final), "stable_key": list(final.values())},
                           schema={"operation_key": pl.String, "stable_key": pl.String})
    stable = (resolved.join(mapping, on="operation_key", how="left")
              .with_columns(operation_key=pl.col("stable_key")).drop("stable_key"))
    # published keys no group kept: retired, pointing to where most of their documents went
    gone = set(votes["published_key"].to_list()) - taken
    retirements = (
        votes.filter(pl.col("published_key").is_in(sorted(gone)))
        .join(mapping, on="operation_key", how="left")
        .sort(["documents", "order", "stable_key"], descending=[True, False, False])
        .group_by("published_key", maintain_order=True).first()
        .select(pl.col("published_key").alias("retired_key"), pl.col("stable_key").alias("operation_key"))
        .sort("retired_key")
    )
    return stable, retirements.cast(RETIREMENT_SCHEMA)
