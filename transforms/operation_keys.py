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


MOVE_SCHEMA = {"report_key": pl.String, "document_key": pl.String, "old_key": pl.String, "new_key": pl.String}


def plan_operation_moves(
    reports: pl.DataFrame, features: pl.DataFrame, published: pl.DataFrame, retired: set[str],
    seed_documents: set[str] | None = None, seed_operations: set[str] | None = None, give_up_share: float = 0.5,
) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Resolution across documents from stored signals to the reports that change operation.

    reports, features: `flows.warehouse.operation_signals` (reports carry their operation_key).
    published, retired: as for `assign_stable_keys`.
    seed_documents: None to resolve every report; else only the reports a change can move are
      resolved (`reports_to_resolve`), seeded by these documents' reports and those of
      `seed_operations`, unless they are more than `give_up_share` of all.
    Returns the moves (report_key, document_key, old_key, new_key) of reports whose key changes,
    the keys retired now, and the number of reports resolved."""
    from transforms.operations import reports_to_resolve, resolve_operations

    retired = set(retired)
    if seed_documents is not None:
        seeds = reports.filter(pl.col("document_key").is_in(sorted(seed_documents))
                               | pl.col("operation_key").is_in(sorted(seed_operations or ())))
        chosen = reports_to_resolve(reports, features, seeds, give_up_above=int(give_up_share * reports.height))
        if chosen is not None:
            outside = reports.join(chosen, on=["report_key", "document_key"], how="anti")
            retired |= set(outside["operation_key"].to_list())  # held by operations this run leaves alone
            # resolve_operations passes over the features of reports not among these
            reports = reports.join(chosen, on=["report_key", "document_key"], how="semi")
    proposed = resolve_operations(reports.drop("operation_key"), features)
    resolved, retirements = assign_stable_keys(proposed, published, retired)
    moves = (
        reports.select("report_key", "document_key", pl.col("operation_key").alias("old_key"))
        .join(resolved.rename({"operation_key": "new_key"}), on=["report_key", "document_key"], how="inner")
        .filter(pl.col("old_key") != pl.col("new_key"))
    )
    return moves.cast(MOVE_SCHEMA), retirements, reports.height
