#!/usr/bin/env python3
"""Unit tests for the KTAP parser in scripts/ktest.py.

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""
import os
import sys
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktest  # noqa: E402

BOOT_LOG = """\
[    0.000000] kmapos 0.1 (i386, SMP) booting
[    0.000000] Command line: ktest=all lowmem=64M
[    0.020112] tsc: 2602.684 MHz (calibrated against the PIT)
"""

GOOD = BOOT_LOG + textwrap.dedent("""\
    KTAP version 1
    1..2
        KTAP version 1
        # Subtest: alpha
        1..3
        ok 1 alpha_one
    [    0.100000] a printk line in the middle of a suite
        ok 2 alpha_two
        ok 3 alpha_three
    ok 1 alpha
        KTAP version 1
        # Subtest: beta
        1..2
        ok 1 beta_one
        ok 2 beta_two
    ok 2 beta
    # ktest: 2 suites, 0 failed cases
    """)


def judge(text, status=ktest.QEMU_STATUS_PASS, timed_out=False, kind='ktap'):
    return ktest.evaluate(text.replace('\n', '\r\n'), status, timed_out,
                          kind)


class GoodLogs(unittest.TestCase):
    def test_counts_every_leaf_case(self):
        r = judge(GOOD)
        self.assertTrue(r.ok, r.errors)
        self.assertEqual((r.passed, r.failed, r.skipped), (5, 0, 0))
        self.assertEqual(r.summary(), '5 passed, 0 failed')

    def test_printk_lines_are_ignored(self):
        noisy = GOOD.replace('    ok 1 beta_one\n',
                             '[    0.2] ok 1 fake\n'
                             '  ok 7 two-space indent is not KTAP\n'
                             'random console text\n'
                             '    ok 1 beta_one\n')
        r = judge(noisy)
        self.assertTrue(r.ok, r.errors)
        self.assertEqual(r.passed, 5)

    def test_skip_is_counted_apart(self):
        text = GOOD.replace('    ok 2 beta_two',
                            '    ok 2 beta_two # SKIP no highmem')
        r = judge(text)
        self.assertTrue(r.ok, r.errors)
        self.assertEqual((r.passed, r.failed, r.skipped), (4, 0, 1))
        self.assertEqual(r.summary(), '4 passed, 0 failed, 1 skipped')

    def test_whole_suite_skipped(self):
        text = GOOD.replace('    ok 1 beta_one', '    ok 1 beta_one # SKIP x')
        text = text.replace('    ok 2 beta_two', '    ok 2 beta_two # SKIP x')
        text = text.replace('ok 2 beta\n', 'ok 2 beta # SKIP\n')
        r = judge(text)
        self.assertTrue(r.ok, r.errors)
        self.assertEqual((r.passed, r.failed, r.skipped), (3, 0, 2))

    def test_two_documents_are_both_counted(self):
        second = textwrap.dedent("""\
            KTAP version 1
            1..1
            ok 1 user_hello
            """)
        r = judge(GOOD + second)
        self.assertTrue(r.ok, r.errors)
        self.assertEqual(r.passed, 6)

    def test_bench_lines_are_collected(self):
        text = GOOD.replace('    ok 1 alpha_one',
                            '    # alpha_one: 123 ns per kmap\n'
                            '    ok 1 alpha_one')
        r = judge(text, kind='bench')
        self.assertTrue(r.ok)
        self.assertIn('alpha_one: 123 ns per kmap', r.bench_lines)


class FailingLogs(unittest.TestCase):
    def test_failed_case_with_diagnostics(self):
        text = GOOD.replace(
            '    ok 2 alpha_two',
            '    # alpha_two: EXPECTATION FAILED at mm/x.c:10\n'
            '    # Expected a == b\n'
            '    not ok 2 alpha_two').replace('\nok 1 alpha\n', '\nnot ok 1 alpha\n')
        r = judge(text, status=ktest.QEMU_STATUS_FAIL)
        self.assertFalse(r.ok)
        self.assertEqual((r.passed, r.failed), (4, 1))
        self.assertEqual(r.failures[0][0], 'alpha/alpha_two')
        self.assertIn('Expected a == b', r.failures[0][1])
        self.assertEqual(r.errors, [])

    def test_missing_plan(self):
        text = GOOD.replace('\n1..2\n', '\n')
        r = judge(text)
        self.assertFalse(r.ok)
        self.assertTrue(any('no test plan' in e for e in r.errors), r.errors)

    def test_no_ktap_at_all(self):
        r = judge(BOOT_LOG)
        self.assertFalse(r.ok)
        self.assertTrue(any('no KTAP' in e for e in r.errors), r.errors)

    def test_missing_nested_plan(self):
        text = GOOD.replace('    1..3\n', '')
        r = judge(text)
        self.assertFalse(r.ok)
        self.assertTrue(any('alpha: no test plan' in e for e in r.errors),
                        r.errors)

    def test_panic_mid_suite(self):
        cut = GOOD.index('    ok 2 alpha_two')
        text = GOOD[:cut] + (
            '[    0.3] Kernel panic on CPU 0: BUG_ON(x) at mm/slab.c:12\n'
            '[    0.3] EIP: 0xc0101234 ...\n'
            '[    0.3] ---[ end Kernel panic: BUG_ON(x) ]---\n')
        r = judge(text, status=ktest.QEMU_STATUS_FAIL)
        self.assertFalse(r.ok)
        self.assertTrue(any('kernel crashed' in e and 'BUG_ON' in e
                            for e in r.errors), r.errors)
        self.assertTrue(any('planned 2 tests, got 0' in e
                            for e in r.errors), r.errors)
        self.assertTrue(any('alpha did not finish' in e for e in r.errors),
                        r.errors)
        # The case that finished before the crash still counts.
        self.assertEqual(r.passed, 1)

    def test_short_count(self):
        cut = GOOD.index('    KTAP version 1\n    # Subtest: beta')
        r = judge(GOOD[:cut])
        self.assertFalse(r.ok)
        self.assertTrue(any('planned 2 tests, got 1' in e
                            for e in r.errors), r.errors)
        self.assertEqual(r.passed, 3)

    def test_short_nested_count(self):
        text = GOOD.replace('    ok 3 alpha_three\n', '')
        r = judge(text)
        self.assertFalse(r.ok)
        self.assertTrue(any('alpha: planned 3 tests, got 2' in e
                            for e in r.errors), r.errors)

    def test_timeout(self):
        cut = GOOD.index('    ok 3 alpha_three')
        r = judge(GOOD[:cut], status=-9, timed_out=True)
        self.assertFalse(r.ok)
        self.assertTrue(any('timed out' in e for e in r.errors), r.errors)

    def test_failure_status_without_failed_case(self):
        r = judge(GOOD, status=ktest.QEMU_STATUS_FAIL)
        self.assertFalse(r.ok)

    def test_exit_without_debug_exit(self):
        r = judge(GOOD, status=0)
        self.assertFalse(r.ok)
        self.assertTrue(any('exit status 0' in e for e in r.errors))

    def test_empty_plan_is_not_a_pass(self):
        text = BOOT_LOG + 'KTAP version 1\n1..0\n'
        r = judge(text)
        self.assertFalse(r.ok)
        self.assertTrue(any('no test ran' in e for e in r.errors), r.errors)

    def test_suite_not_ok_without_failed_case(self):
        text = GOOD.replace('ok 2 beta\n', 'not ok 2 beta\n')
        r = judge(text, status=ktest.QEMU_STATUS_FAIL)
        self.assertFalse(r.ok)
        self.assertEqual(r.failed, 1)
        self.assertEqual(r.failures[0][0], 'beta')


class Boot(unittest.TestCase):
    """boot() with a stand-in for QEMU that writes the serial log itself."""

    def fake_boot(self, script, timeout):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, 'serial.log')
            real = ktest.qemu_command
            ktest.qemu_command = lambda cfg, k, lg, a: ['sh', '-c', script, 'sh', lg]
            try:
                status, timed_out, _ = ktest.boot({'timeout': timeout}, None,
                                                  log, 'tcg')
            finally:
                ktest.qemu_command = real
            with open(log) as f:
                return status, timed_out, f.read()

    def test_halted_after_panic_is_killed_not_timed_out(self):
        status, timed_out, text = self.fake_boot(
            'printf "Kernel panic on CPU 1: x\\n---[ end Kernel panic: x ]---\\n"'
            ' > "$1"; exec sleep 600', timeout=300)
        self.assertFalse(timed_out)
        r = ktest.evaluate(text, status, timed_out)
        self.assertEqual(r.errors, ['no KTAP output (no "KTAP version 1" line)',
                                    'kernel crashed: Kernel panic on CPU 1: x'])

    def test_hang_times_out(self):
        status, timed_out, _ = self.fake_boot(': > "$1"; exec sleep 600', timeout=1)
        self.assertTrue(timed_out)


if __name__ == '__main__':
    unittest.main()
