"""Run a full build of DIR and print wall, main-process CPU and children CPU."""
import sys, time, resource, subprocess, os
raw, wh = sys.argv[1], sys.argv[2]
extra = sys.argv[3:]
if os.path.exists(wh): os.remove(wh)
t = time.perf_counter()
# run the build in this process's child so that RUSAGE_CHILDREN covers main + its workers: use a wrapper child
code = f"""
import resource, time, sys
sys.argv=['takedown','build','--raw',{raw!r},'--warehouse',{wh!r},'--full',*{extra!r}]
from takedown_cli import main
""" 
p = subprocess.run([sys.executable, "-c", f"""
import resource, sys, runpy, time, atexit
def report():
    s = resource.getrusage(resource.RUSAGE_SELF); c = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"MAIN cpu {{s.ru_utime+s.ru_stime:.1f}} s  CHILDREN cpu {{c.ru_utime+c.ru_stime:.1f}} s", file=sys.stderr)
atexit.register(report)
sys.argv=['takedown','build','--raw',{raw!r},'--warehouse',{wh!r},'--full',*{extra!r}]
runpy.run_path({os.path.join(os.path.dirname(sys.executable), 'takedown')!r}, run_name='__main__')
"""], capture_output=True, text=True)
print(f"wall {time.perf_counter()-t:.1f} s rc {p.returncode}")
print("\n".join(l for l in p.stderr.splitlines() if "MAIN cpu" in l or "Error" in l)[-2000:])
