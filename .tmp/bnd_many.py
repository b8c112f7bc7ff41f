import sys; sys.path.insert(0, "/work/main")
from hypothesis import given, settings
import tests.transforms.test_boundaries as T
f = settings(max_examples=4000, deadline=None, database=None)(given(pattern=T._patterns, texts=T._texts)(lambda pattern, texts: T.test_same_answers_as_the_pattern.hypothesis.inner_test(pattern, texts)))
f(); print("ok")
