import sys; sys.path.insert(0, "/work/main")
from transforms.metrics import classify_sentence
lang = sys.argv[1]
for s in sys.argv[2:]:
    print(s[:80], [(m, f.value, f.qualifier, f.unit) for f, m, _ in classify_sentence(s, lang)])
