import sys, time, random
sys.path.insert(0, "/work/main")
import pickle, re
from transforms import operations as O
from transforms.prefilter import lower_as_ignorecase
(a, k) = pickle.load(open("/tmp/cap-mark_recap_sentences.pkl", "rb"))
sents = a[0]["sentence"].to_list()
random.seed(3)
words = ["Operators", "of", "ran", "RUNNING", "the", "Site", "ExampleTV", "behind", "BEHIND", "İ", "ı", "ſite", "× ", "Called", "named", "Gründer", "GRÜNDER", "von", "Kinoflux", "IPTV-service", "site", "website", " ", "  ", "\n", "la piattaforma", "pirata", "Hinter", "ΣΣ", "K"]
sents += [" ".join(random.choice(words) for _ in range(random.randint(1, 12))) for _ in range(30000)]
tot_old = tot_new = 0
for kind, src in O.TARGET_PATTERNS.items():
    cues = O._leading_cues(src)
    if cues is None: continue
    pat = re.compile(src)
    t = time.perf_counter(); old = [[(m.span(), m.groups()) for m in pat.finditer(s)] for s in sents]; t1 = time.perf_counter() - t
    t = time.perf_counter(); new = [[(m.span(), m.groups()) for m in O._matches_from_cues(pat, cues, s, lower_as_ignorecase(s), 0)] for s in sents]; t2 = time.perf_counter() - t
    print(kind, old == new, f"{t1:.2f} -> {t2:.2f}", sum(map(len, old)))
