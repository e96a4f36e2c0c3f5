"""Runs the secur32 unittest suite and ends with the line
"N passed, M failed, K skipped"; the exit code is non-zero if a test failed
or none ran.

    python3 python/tests/run.py [-q] [unittest name patterns ...]

Environment: SECUR32_LIB (default: build/libsecur32.so of this checkout)
and SECUR32_TESTDATA (optional certificates from ctest/gen_certs.sh).
"""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)


def main(argv):
    quiet = "-q" in argv
    patterns = [a for a in argv if a != "-q"]
    sys.path.insert(0, PYTHON_DIR)
    loader = unittest.TestLoader()
    if patterns:
        suite = loader.loadTestsFromNames(patterns)
    else:
        suite = loader.discover(start_dir=HERE, top_level_dir=PYTHON_DIR)
    runner = unittest.TextTestRunner(verbosity=1 if quiet else 2, stream=sys.stdout)
    result = runner.run(suite)

    # Count tests, not subtests: a test fails if any of its subtests did,
    # and counts as skipped if it (or a subtest) was skipped and none failed.
    def test_of(t):
        return id(getattr(t, "test_case", t))

    failed = {test_of(t) for t, _ in result.failures + result.errors}
    failed |= {test_of(t) for t in result.unexpectedSuccesses}
    skipped = {test_of(t) for t, _ in result.skipped} - failed
    passed = result.testsRun - len(failed) - len(skipped)
    print("%d passed, %d failed, %d skipped" % (passed, len(failed), len(skipped)))
    return 0 if not failed and result.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
