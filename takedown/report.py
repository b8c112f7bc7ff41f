"""`takedown report`: run the warehouse notebook headless and write it as one HTML file.

nbclient executes the notebook (the library nbconvert's ExecutePreprocessor wraps; calling it
directly gives the failing cell and kernel errors without a preprocessor layer), nbconvert's
HTMLExporter renders it with the charts embedded as base64 PNGs, so the report is one file that
can be mailed or archived. Input cells are kept: the report is the notebook analysts start from,
and each chart sits under the SQL that produced it, so any number can be re-run in the shell.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "warehouse_tour.ipynb"
WAREHOUSE_VARIABLE = "TAKEDOWN_WAREHOUSE"  # read by the notebook's parameters cell
CELL_TIMEOUT_SECONDS = 600
KERNEL_NAME = "python3"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in IPython tracebacks


class ReportFailed(Exception):
    """The notebook did not run to the end; the message names the cell and the error."""


def command_report(args: argparse.Namespace) -> int:
    warehouse = Path(args.warehouse)
    if not warehouse.is_file():
        print(f"takedown report: warehouse {warehouse} does not exist (build it with `takedown build`)", file=sys.stderr)
        return 2
    if not NOTEBOOK.is_file():
        print(f"takedown report: notebook {NOTEBOOK} is missing (install takedown from its source folder)", file=sys.stderr)
        return 2
    out = Path(args.out)
    try:
        html = render_report(warehouse.resolve(), NOTEBOOK)
    except ReportFailed as error:
        print(f"takedown report: {error}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(html, encoding="utf-8")
    os.replace(partial, out)  # a reader of the old report never sees half a file
    print(out)
    return 0


def render_report(warehouse: Path, notebook: Path = NOTEBOOK) -> str:
    """Execute `notebook` against `warehouse` in a fresh kernel and return the rendered HTML."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbconvert import HTMLExporter

    document = nbformat.read(notebook, as_version=4)
    started: list[int] = []  # indexes of the cells the kernel was given, the last one is running or failed
    with tempfile.TemporaryDirectory(prefix="takedown-kernels-") as kernels:
        client = NotebookClient(document, km=_kernel_manager(Path(kernels), warehouse), timeout=CELL_TIMEOUT_SECONDS,
                                kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(notebook.parent)}},
                                on_cell_start=lambda cell, cell_index: started.append(cell_index))
        try:
            client.execute(cleanup_kc=True)  # shut the kernel down: we made its manager, so nbclient would not
        except CellExecutionError as error:
            raise ReportFailed(f"{_cell_at_fault(document, started, error)} failed with {error.ename}: "
                               f"{error.evalue}") from None
        except (CellTimeoutError, DeadKernelError) as error:
            raise ReportFailed(f"{_cell_at_fault(document, started)} did not finish: {error}") from None
        except RuntimeError as error:  # the kernel did not start
            raise ReportFailed(f"the notebook kernel ({sys.executable}) did not start: {error}") from None
    exporter = HTMLExporter(exclude_input_prompt=True, exclude_output_prompt=True)
    html, _ = exporter.from_notebook_node(document)
    return html


def _kernel_manager(kernels: Path, warehouse: Path):
    """A kernel running this interpreter (the project's venv), whatever kernelspecs the user has.

    The spec lives in a private folder, so a user-level `python3` kernelspec pointing at another
    Python (without duckdb or matplotlib) cannot be picked up; its env passes the warehouse and
    makes matplotlib draw inline PNGs (Agg) even when MPLBACKEND is set to something else.
    """
    from ipykernel.kernelspec import get_kernel_dict
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    import zmq

    spec = get_kernel_dict()  # argv: [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec["env"] = {WAREHOUSE_VARIABLE: str(warehouse), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    folder = kernels / KERNEL_NAME
    folder.mkdir()
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)
    # local TCP sockets: encrypt them (CurveZMQ) where pyzmq can, which also keeps ipykernel quiet
    encryption = {"transport_encryption": "auto"} if zmq.has("curve") and AsyncKernelManager.class_traits().get(
        "transport_encryption") else {}
    return AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs, **encryption)


def _cell_at_fault(document, started: list[int], error=None) -> str:
    """`cell 5 (id connect)`, with the line that raised when the traceback gives it (`, line 42: ...`)."""
    if not started:
        return "the first cell"
    cell = document.cells[started[-1]]
    where = f"cell {started[-1] + 1} (id {cell.get('id', '?')})"
    frames = re.findall(r"Cell In\[\d+\], line (\d+)", _ANSI.sub("", str(getattr(error, "traceback", ""))))
    lines = cell.source.splitlines()
    if frames and 0 < int(frames[-1]) <= len(lines):
        where += f", line {frames[-1]}: {lines[int(frames[-1]) - 1].strip()}"
    return where
