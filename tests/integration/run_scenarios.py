"""Runs one integration file's scenarios for ctest: `python3 run_scenarios.py test_faults`.

`python3 -m unittest` exits 0 when a file collects no test (a typo in a class name, a test whose
name lost its `test_` prefix), and reports a skipped test as passed. A run that tests nothing must
fail, and a skip must be seen, so this runner exits:

  0   every collected test passed (and at least one was collected);
  1   a test failed or errored, or the file collected no test, or it could not be imported;
  77  nothing failed but a test was skipped: tests/CMakeLists.txt gives ctest SKIP_RETURN_CODE 77,
      so the run reports the file as "Skipped" (and scripts/test then fails, see there).
"""

import os
import sys
import tempfile
import unittest

SKIPPED_EXIT = 77


def main(argv):
    if len(argv) != 2:
        print("usage: run_scenarios.py MODULE", file=sys.stderr)
        return 2
    name = argv[1]
    # dubanctl looks for a key set in ./var/keys (scripts/run's) when no key is named: the
    # scenarios name their keys, or use none.
    os.environ["DUBAN_KEY_DIR"] = tempfile.mkdtemp(prefix="duban-no-keys-")
    suite = unittest.defaultTestLoader.loadTestsFromName(name)
    # An import error becomes a _FailedTest that runs and fails: it is counted below.
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stderr).run(suite)
    if result.testsRun == 0:
        print("%s: no test was collected: a file that tests nothing fails" % name,
              file=sys.stderr)
        return 1
    if not result.wasSuccessful():
        return 1
    if result.skipped or result.expectedFailures or result.unexpectedSuccesses:
        for test, reason in result.skipped:
            print("SKIPPED %s: %s" % (test.id(), reason), file=sys.stderr)
        for test, _ in result.expectedFailures:
            print("EXPECTED FAILURE (not a pass) %s" % test.id(), file=sys.stderr)
        for test in result.unexpectedSuccesses:
            print("UNEXPECTED SUCCESS %s" % test.id(), file=sys.stderr)
        return SKIPPED_EXIT
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
