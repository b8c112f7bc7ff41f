import random, re, sys
sys.path.insert(0, "/work/main")
import transforms.operations as O
rng = random.Random(7)
pieces = ["Operation", "operation", "Operatiunea", "Operatiune", "Op.", "Aktion", "Opération", " ", "  ", "\n", "\"", "“", "'", "«",
          "according to", "According to", "segundo", "según", "the", "the ", "The", "a", "ab", "Foo", "Bar", "x", "ACE", "LaLiga", ".", ","]
names = ["Foo", "Bar", "abc", "aB", "the Foo", "the", "\"Foo", " Foo", "ACE", "LaLiga", "Foo Bar", "ea", "a", "theFoo", "the  Foo", "“Bar"]
n = 0
for _ in range(100000):
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
    name = rng.choice(names)
    ostarts = tuple(m.start() for m in re.finditer("(?=" + O._OPERATION_WORD + ")", text))
    assert ostarts == tuple(m.start() for m in O._OPERATION_WORD_AT.finditer(text)), text
    slow = any(O._own_name_pattern(name).match(text, s) for s in ostarts)
    assert O._is_operation_name(name, text, ostarts) == slow, (name, text)
    astarts = tuple(m.start() for m in re.finditer(rf"(?={O._ACCORDING_TO}\s)", text))
    assert astarts == O._according_starts(text), text
    slow = bool(astarts) and any(O._according_pattern(name).match(text, s) for s in astarts)
    fast = bool(astarts) and O._according_to(name, text, astarts)
    assert fast == slow, (name, text)
    n += slow
print("equal", n)
m = 0
for _ in range(100000):
    head = rng.choice(["Operation", "Operatiune", "Operatiunea", "Op.", "according to", "segundo", "Según"])
    text = rng.choice(["", "x ", "Op "]) + head + "".join(rng.choice([" ", "\n", "\"", "“", "the ", "the", "a", " the  "]) for _ in range(rng.randint(0, 4))) + rng.choice(names) + rng.choice(["", " ", "x"])
    name = rng.choice(names)
    ostarts = tuple(mm.start() for mm in re.finditer("(?=" + O._OPERATION_WORD + ")", text))
    slow = any(O._own_name_pattern(name).match(text, s) for s in ostarts)
    assert O._is_operation_name(name, text, ostarts) == slow, (name, text)
    m += slow
    astarts = O._according_starts(text)
    slow = bool(astarts) and any(O._according_pattern(name).match(text, s) for s in astarts)
    assert (bool(astarts) and O._according_to(name, text, astarts)) == slow, (name, text)
    m += slow
print("structured equal", m)
