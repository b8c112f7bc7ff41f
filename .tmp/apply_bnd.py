import re, sys, importlib
from pathlib import Path
sys.path.insert(0, "/work/main")
from transforms.boundaries import contains_form
for f in sorted(Path("transforms").glob("*.py")):
    if f.name == "boundaries.py": continue
    mod = importlib.import_module(f"transforms.{f.stem}")
    src = f.read_text()
    changed = []
    def repl(m):
        name = m.group(1)
        val = getattr(mod, name, None)
        if isinstance(val, str) and contains_form(val) != val:
            changed.append(name)
            return f".str.contains(contains_form({name}))"
        return m.group(0)
    new = re.sub(r"\.str\.contains\(([A-Za-z_][A-Za-z_0-9]*)\)", repl, src)
    if changed:
        if "from transforms.boundaries import contains_form" not in new:
            # add the import after the last 'from transforms' import or after 'import polars as pl'
            lines = new.split("\n")
            idx = max(i for i, l in enumerate(lines) if l.startswith("import polars as pl"))
            # find block of from-imports after it
            j = idx + 1
            while j < len(lines) and (lines[j].strip() == "" or lines[j].startswith("from ") or lines[j].startswith("import ")):
                j += 1
            # insert before first blank run after imports: simplest insert right after polars line + blank
            k = idx + 1
            lines.insert(k + 1 if lines[k] == "" else k, "from transforms.boundaries import contains_form")
            new = "\n".join(lines)
        f.write_text(new)
        print(f.name, changed)
