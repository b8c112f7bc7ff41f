import sys; sys.path.insert(0, "/work/main")
import tests.transforms.test_boundaries as T
from transforms.boundaries import contains_form
xs = [T._patterns.example() for _ in range(500)]
print(sum(contains_form(p) != p for p in xs), "of", len(xs), "rewritten")
