"""Tests of the secur32 Python package (unittest).

Run from the repository root with `python3 python/tests/run.py` or
`python3 -m unittest discover -s python/tests -t python`.
"""
