import re, random, sys
sys.path.insert(0, "/work/main")
from transforms import clean as C
old = [re.compile(r"(?<=\w)”(?=[^\W\d_])"), re.compile(r"(?<=[^\W\d_])“(?=\w)"), re.compile(r"(?<=[a-zà-ÿ]{2})([.;:!?])(?=[A-ZÀ-Ý][a-zà-ÿ]{2})"), re.compile(r"(?<=[a-zà-ÿ]{2}),(?=[A-ZÀ-Ý][a-zà-ÿ])")]
new = [C._CLOSE_QUOTE_GLUE, C._OPEN_QUOTE_GLUE, C._SENTENCE_GLUE, C._COMMA_GLUE]
alphabet = "abzàÿAZÀÝ1_ .;:!?,”“é\n"
rng = random.Random(1)
for _ in range(200000):
    t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
    for o, n in zip(old, new):
        assert [(m.span(), m.groups()) for m in o.finditer(t)] == [(m.span(), m.groups()) for m in n.finditer(t)], (t, o.pattern)
print("equal")
