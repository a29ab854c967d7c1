"""Shared test settings: hypothesis runs the same examples every time, with no deadline
(the first call of a NumPy function can be slow on a busy CI machine)."""

from hypothesis import settings

settings.register_profile("gdcore", derandomize=True, deadline=None, max_examples=60)
settings.load_profile("gdcore")
