import sys, time, random
sys.path.insert(0, "/work/main")
from pathlib import Path
import subprocess
from transforms import sentences as S
texts = [p.read_text(errors="replace") for p in sorted(Path("/tmp/bench/n100k/corpus-100000-0/raw").rglob("*.txt"))[:4000]]
texts += [p.read_text(errors="replace") for p in sorted(Path("/work/shared/eval/dev").rglob("*.txt"))]
old_src = subprocess.run(["git", "show", "HEAD:transforms/sentences.py"], capture_output=True, text=True, cwd="/work/main").stdout
ns = {}; exec(compile(old_src, "old", "exec"), ns)
random.seed(2)
alpha = "Mr. Dr. U.S. A.B. 12. No. etc. x y Z. \n!? ”»"
texts += ["".join(random.choice(alpha.split(" ") + [" "]) for _ in range(50)) for _ in range(5000)]
t = time.perf_counter(); a = [ns["_sentence_spans"](x) for x in texts]; t1 = time.perf_counter() - t
t = time.perf_counter(); b = [S._sentence_spans(x) for x in texts]; t2 = time.perf_counter() - t
print(a == b, f"{t1:.2f} -> {t2:.2f}")
