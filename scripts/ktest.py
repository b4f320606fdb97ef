#!/usr/bin/env python3
"""Boot the kernel in QEMU once per test configuration and check its KTAP.

    ktest.py --kernel build/kernel.elf                  # the default table
    ktest.py --kernel K --config 'smp4-*' --repeat 3    # some rows, 3 times
    ktest.py --kernel K --soak | --bench | --list

Each configuration boots headless (serial to a log file) under a timeout.
The kernel prints KTAP version 1 on the serial port; this script parses it
and counts every leaf test case as one test. A configuration also fails as
a whole when the kernel panics, hangs (timeout), prints no plan, or prints
fewer results than it planned; the tail of its serial log is shown then.

The last line printed is always "N passed, N failed" (", N skipped" when
some were skipped). Exit status: 0 if nothing failed and at least one test
ran, else 1. Documentation/dev/build-run-test-debug.md explains the output.
"""
import argparse
import concurrent.futures
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

# ---- configurations ---------------------------------------------------------
#
# One row per boot. Keys:
#   name     unique; --config matches it (globs allowed)
#   smp      number of CPUs (-smp)
#   mem      RAM size (-m), QEMU syntax
#   append   kernel command line (-append)
#   timeout  seconds before the boot counts as hung and QEMU is killed
#   initrd   optional path of an initrd (-initrd), e.g. user-space tests
#   kind     optional: "ktap" (default), "console" (the harness types a
#            session into the serial port, see CONSOLE_SESSION) or
#            "bench" (also print the
#            benchmark lines; numbers never make a run fail)
#   repeat   optional: boot this row this many times (multiplies --repeat)

KTEST_TIMEOUT = 180


def _kernel_rows():
    rows = []
    for smp in (1, 2, 4, 8):
        for kmap in ('percpu', 'global'):
            rows.append(dict(name='smp%d-%s' % (smp, kmap), smp=smp,
                             mem='256M',
                             append='ktest=all lowmem=64M kmap=%s' % kmap,
                             timeout=KTEST_TIMEOUT))
    # Default lowmem (512 MiB) with 3 GiB of RAM: 2.5 GiB of highmem.
    rows.append(dict(name='highmem-3g', smp=2, mem='3G', append='ktest=all',
                     timeout=KTEST_TIMEOUT))
    return rows


# Hang guards, never a judgement of speed. kmap=global at -smp 4 is the
# slow one: every copy to or from user memory shoots down three vCPUs
# that oversubscribe a 2-core host, so its 28 programs took 270 s on a
# quiet host (kmap=percpu: 25 s); init's own per-program guard is raised
# to match (utest_timeout).
USER_TIMEOUT = 1200
USER_PROGRAM_TIMEOUT = 600


# The lock validator (kernel/locking/lockdep.c) watches every user row at
# -smp 1 and 2, where the programs take every lock order they can; at
# -smp 4, four vCPUs on two host cores, it roughly doubles the cost of
# each lock and the row would no longer fit its hang guard, so it is off
# there (the kernel rows keep it at every CPU count: ktest= turns it on).
def _lockdep_for(smp):
    return 1 if smp <= 2 else 0


# The system-call fuzzer's default is 5000 calls per worker. Under
# kmap=global at -smp 4 every copy shoots down three vCPUs that share two
# host cores, and the fuzz alone passed init's 600 s guard; that row
# fuzzes fewer calls (the other rows and `make soak` run the full count).
def _fuzz_env(smp, kmap):
    return 'FUZZ_ITERS=1500 ' if smp == 4 and kmap == 'global' else ''


def _user_rows():
    """The user test programs: /init runs them from the initramfs."""
    rows = []
    for smp in (1, 2, 4):
        for kmap in ('percpu', 'global'):
            rows.append(dict(name='user-smp%d-%s' % (smp, kmap), smp=smp,
                             mem='256M',
                             append='lowmem=64M kmap=%s lockdep=%d '
                                    '%sutest_timeout=%d -- ktest'
                                    % (kmap, _lockdep_for(smp),
                                       _fuzz_env(smp, kmap),
                                       USER_PROGRAM_TIMEOUT),
                             initrd='initramfs.cpio', timeout=USER_TIMEOUT))
    return rows


def _console_rows():
    """busybox sh on the console, driven by keystrokes (issue 12)."""
    return [dict(name='user-tty-%s' % kmap, smp=2, mem='256M',
                 append='lowmem=64M kmap=%s' % kmap,
                 initrd='initramfs.cpio', timeout=300, kind='console')
            for kmap in ('percpu', 'global')]


CONFIGS = _kernel_rows() + _user_rows() + _console_rows()

# `--soak`: the stress tests with larger iteration counts, many times.
SOAK_CONFIGS = [
    dict(name='soak-smp4-percpu', smp=4, mem='256M',
         append='ktest=all lowmem=64M kmap=percpu ktest_scale=10',
         timeout=900, repeat=20),
    dict(name='soak-smp4-global', smp=4, mem='256M',
         append='ktest=all lowmem=64M kmap=global ktest_scale=10',
         timeout=900, repeat=5),
    dict(name='soak-smp8-percpu', smp=8, mem='256M',
         append='ktest=all lowmem=64M kmap=percpu ktest_scale=10',
         timeout=900, repeat=5),
] + [
    # The system-call fuzzer with 20x the calls of `make test`, one seed
    # per row (user/tests/syscall_fuzz.c).
    # kmap=global rows make fewer calls: every user copy there shoots down
    # the other CPUs, which at -smp 4 oversubscribe a 2-core host.
    dict(name='soak-fuzz-smp%d-%s-seed%d' % (smp, kmap, seed), smp=smp,
         mem='256M',
         append='lowmem=64M kmap=%s lockdep=1 utest=syscall_fuzz '
                'FUZZ_ITERS=%d '
                'FUZZ_SEED=%d utest_timeout=1700 -- ktest'
                % (kmap, iters, seed),
         initrd='initramfs.cpio', timeout=1800)
    for smp, kmap, iters, seed in ((1, 'percpu', 100000, 1),
                                   (2, 'percpu', 100000, 2),
                                   (4, 'percpu', 100000, 3),
                                   (4, 'percpu', 100000, 4),
                                   (2, 'global', 30000, 5),
                                   (4, 'global', 30000, 6))
]

# `--bench`: benchmark suites only; their numbers are printed, not judged.
BENCH_CONFIGS = [
    dict(name='bench-smp%d-%s' % (smp, kmap), smp=smp, mem='256M',
         append='ktest=bench lowmem=64M kmap=%s lockdep=0' % kmap,
         timeout=600,
         kind='bench')
    for smp in (1, 2, 4) for kmap in ('percpu', 'global')
] + [
    # The user-space write() benchmark (user/bench/write_bench.c): init
    # runs it only when utest= names it. WB_LABEL tells the program the
    # kmap mode and CPU count, which it prints with its numbers. Its
    # default sinks include the file ones (files in /tmp, the rootfs
    # tmpfs, whose page cache is in highmem). About 30 s per boot.
    dict(name='wbench-smp%d-%s' % (smp, kmap), smp=smp, mem='256M',
         append='lowmem=64M kmap=%s utest=write_bench '
                'WB_LABEL=kmap=%s,smp=%d -- ktest' % (kmap, kmap, smp),
         initrd='initramfs.cpio', timeout=300, kind='bench')
    for smp in (1, 2, 4) for kmap in ('percpu', 'global')
]

LOG_TAIL_LINES = 40

# isa-debug-exit turns the kernel's exit code c into QEMU status (c << 1) | 1.
QEMU_STATUS_PASS = 1
QEMU_STATUS_FAIL = 3


# ---- KTAP parsing ------------------------------------------------------------

VERSION_RE = re.compile(r'^K?TAP version (\d+)\s*$')
PLAN_RE = re.compile(r'^1\.\.(\d+)')
RESULT_RE = re.compile(r'^(ok|not ok) (\d+)(?:\s+-)?\s*([^#]*?)\s*(?:#\s*(.*))?$')
SUBTEST_RE = re.compile(r'^#\s*Subtest:\s*(.*?)\s*$')
DIAG_RE = re.compile(r'^#\s?(.*)$')
PANIC_RE = re.compile(r'Kernel panic')


class Node:
    """The body of one KTAP test: a plan and results, at one depth."""

    def __init__(self, depth, name=''):
        self.depth = depth
        self.name = name
        self.plan = None
        self.results = []
        self.pending_diag = []  # diagnostics since the last result

    def has_content(self):
        return self.plan is not None or bool(self.results)


class Result:
    """One "ok"/"not ok" line and, for a suite, the body it closes."""

    def __init__(self, ok, number, name, directive, diag):
        self.ok = ok
        self.number = number
        self.name = name
        self.directive = directive or ''
        self.diag = diag
        self.body = None

    @property
    def skipped(self):
        d = self.directive.upper()
        return d.startswith('SKIP') or d.startswith('TODO')


class Report:
    """What one serial log says: counts, failed cases, config errors."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []  # (path, diagnostic lines) of failed cases
        self.errors = []    # reasons the configuration failed as a whole
        self.bench_lines = []

    @property
    def ok(self):
        return not self.failed and not self.errors

    def summary(self):
        s = '%d passed, %d failed' % (self.passed, self.failed)
        if self.skipped:
            s += ', %d skipped' % self.skipped
        return s


def _split_indent(line):
    """(depth, text) of a KTAP line, or None if the indentation is odd."""
    stripped = line.lstrip(' ')
    indent = len(line) - len(stripped)
    if indent % 4:
        return None
    return indent // 4, stripped.rstrip()


class _Document:
    """Reading state for one top-level KTAP document."""

    def __init__(self):
        self.root = Node(0)
        self.stack = [self.root]   # stack[d]: the body being read at depth d
        self.closed = {}           # depth -> body waiting for its result
        self.unfinished = []

    def feed(self, depth, line, is_version):
        if depth > len(self.stack):
            return      # a jump of two levels is not KTAP; ignore it
        # Going up: the bodies below this depth are complete.
        while len(self.stack) - 1 > depth:
            self._close(self.stack.pop())
        if depth == len(self.stack):
            self.stack.append(Node(depth))
        node = self.stack[depth]
        if depth > 0 and (is_version or SUBTEST_RE.match(line)) and \
                node.has_content():
            # A new subtest starts where the last one never got its result.
            self.unfinished.append(node)
            node = self.stack[depth] = Node(depth)
        _parse_line(node, line, self.closed)

    def _close(self, body):
        if body.depth in self.closed:
            self.unfinished.append(self.closed[body.depth])
        self.closed[body.depth] = body

    def finish(self):
        """End of input: bodies still open never got their result line."""
        self.unfinished += self.stack[1:] + list(self.closed.values())
        self.stack = [self.root]
        self.closed = {}


def parse_documents(text):
    """Parse every top-level KTAP document in a serial log.

    Returns a list of (root Node, list of unfinished Nodes). A nested body
    is attached to the result line one level up that follows it; a body
    that no result line closes (the kernel died inside a suite) is
    reported as unfinished. Lines that are not KTAP (the printk log, whose
    lines start with "[   time]") are ignored.
    """
    docs = []
    doc = None
    for raw in text.splitlines():
        split = _split_indent(raw.replace('\r', ''))
        if split is None or not split[1]:
            continue
        depth, line = split
        version = VERSION_RE.match(line)
        if depth == 0 and version:
            if doc:
                doc.finish()
            doc = _Document()
            docs.append(doc)
            continue
        if doc is None:
            continue    # boot log before the first KTAP header
        if version or PLAN_RE.match(line) or RESULT_RE.match(line) or \
                line.startswith('#'):
            doc.feed(depth, line, bool(version))
    if doc:
        doc.finish()
    return [(d.root, d.unfinished) for d in docs]


def _parse_line(node, line, closed):
    if VERSION_RE.match(line):
        return
    m = SUBTEST_RE.match(line)
    if m:
        node.name = m.group(1)
        return
    m = PLAN_RE.match(line)
    if m:
        node.plan = int(m.group(1))
        return
    m = RESULT_RE.match(line)
    if m:
        r = Result(m.group(1) == 'ok', int(m.group(2)), m.group(3),
                   m.group(4), node.pending_diag)
        node.pending_diag = []
        r.body = closed.pop(node.depth + 1, None)
        node.results.append(r)
        return
    m = DIAG_RE.match(line)
    if m:
        node.pending_diag.append(m.group(1))


def _count(node, path, report, check_plan=True):
    """Add the leaf results under `node` to the report; check its plan."""
    label = '/'.join(path) or 'top level'
    if not check_plan:
        pass
    elif node.plan is None:
        report.errors.append('%s: no test plan (1..N)' % label)
    elif len(node.results) != node.plan:
        report.errors.append('%s: planned %d tests, got %d results' %
                             (label, node.plan, len(node.results)))
    for r in node.results:
        name = r.name or (r.body.name if r.body else '') or '#%d' % r.number
        if r.body is not None:
            failed_before = report.failed
            _count(r.body, path + [name], report)
            if not r.ok and not r.skipped and report.failed == failed_before:
                # A suite failed without a failed case (e.g. its exit).
                report.failed += 1
                report.failures.append(('/'.join(path + [name]), r.diag))
            continue
        if r.skipped:
            report.skipped += 1
        elif r.ok:
            report.passed += 1
        else:
            report.failed += 1
            report.failures.append(('/'.join(path + [name]), r.diag))


def _bench_lines(text):
    """Diagnostic lines of test cases: where benchmarks print numbers."""
    out = []
    for raw in text.splitlines():
        split = _split_indent(raw.replace('\r', ''))
        if split and split[0] > 0 and split[1].startswith('#') and \
                not SUBTEST_RE.match(split[1]):
            out.append(split[1].lstrip('# '))
    return out


def evaluate(text, status=None, timed_out=False, kind='ktap'):
    """Judge one boot from its serial log and QEMU's exit status."""
    report = Report()
    docs = parse_documents(text)
    if not docs:
        report.errors.append('no KTAP output (no "KTAP version 1" line)')
    for root, unfinished in docs:
        _count(root, [], report)
        for node in unfinished:
            # Its results so far still count; the missing ones are the error.
            _count(node, [node.name or '?'], report, check_plan=False)
            report.errors.append('subtest %s did not finish (%s of %s '
                                 'results)' % (node.name or '?',
                                               len(node.results),
                                               node.plan if node.plan
                                               is not None else '?'))
    panic = next((l.strip() for l in text.splitlines()
                  if PANIC_RE.search(l)), None)
    if panic:
        report.errors.append('kernel crashed: %s' % panic)
    if timed_out:
        report.errors.append('timed out (hang?): QEMU killed')
    elif panic:
        pass    # the harness may have killed QEMU after the panic report
    elif status is not None and status != QEMU_STATUS_PASS:
        if status == QEMU_STATUS_FAIL:
            if report.ok:
                report.errors.append('kernel reported failure (QEMU exit '
                                     'status %d) but KTAP shows none' %
                                     status)
        else:
            report.errors.append('unexpected QEMU exit status %d (not '
                                 'through isa-debug-exit)' % status)
    if docs and report.ok and not (report.passed + report.skipped):
        report.errors.append('no test ran (empty plan)')
    if kind == 'bench':
        report.bench_lines = _bench_lines(text)
    return report


# ---- running QEMU ------------------------------------------------------------

def qemu_command(cfg, kernel, log, accel):
    accel_opt = 'tcg,thread=multi' if accel == 'tcg' else accel
    cmd = ['qemu-system-i386', '-machine', 'pc', '-cpu', 'qemu32',
           '-accel', accel_opt, '-smp', str(cfg['smp']), '-m', cfg['mem'],
           '-kernel', kernel, '-append', cfg.get('append', ''),
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
           '-no-reboot', '-display', 'none', '-monitor', 'none',
           '-serial', 'file:' + log]
    if cfg.get('initrd'):
        cmd += ['-initrd', cfg['initrd']]
    return cmd


_live = set()
_live_lock = threading.Lock()


def kill_live_boots():
    """Kill every QEMU that boot() is waiting for (on Ctrl-C)."""
    with _live_lock:
        for proc in _live:
            proc.kill()


PANIC_START = b'Kernel panic on CPU'
PANIC_END = b'---[ end Kernel panic'
# After the first panic line, how long the kernel gets to finish its report
# (other CPUs' registers) before QEMU is killed. A kernel in test mode exits
# QEMU itself; one booted for user-space tests halts, and without this the
# harness would wait out the whole hang guard.
PANIC_GRACE = 10.0


def _panic_seen(log, offset):
    """(new offset, panic started, panic report ended) from the log so far."""
    try:
        with open(log, 'rb') as f:
            f.seek(max(0, offset - len(PANIC_END)))
            chunk = f.read()
    except OSError:
        return offset, False, False
    return (offset + len(chunk), PANIC_START in chunk, PANIC_END in chunk)


def boot(cfg, kernel, log, accel):
    """Run QEMU for one configuration: (exit status, timed out, seconds)."""
    cmd = qemu_command(cfg, kernel, log, accel)
    start = time.monotonic()
    deadline = start + cfg.get('timeout', KTEST_TIMEOUT)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    with _live_lock:
        _live.add(proc)
    timed_out = False
    offset, panic_at = 0, None
    err = b''
    try:
        while True:
            try:
                _, err = proc.communicate(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            offset, started, ended = _panic_seen(log, offset)
            if started and panic_at is None:
                panic_at = now
            if ended or (panic_at is not None and
                         now - panic_at > PANIC_GRACE):
                time.sleep(0.5)     # let the last lines reach the log
                proc.kill()
                _, err = proc.communicate()
                break
            if now > deadline:
                proc.kill()
                _, err = proc.communicate()
                timed_out = True
                break
    finally:
        with _live_lock:
            _live.discard(proc)
    if err:
        with open(log, 'ab') as f:
            f.write(b'\n[qemu stderr] ' + err)
    return proc.returncode, timed_out, time.monotonic() - start


# ---- typing into the console -------------------------------------------------
#
# A "console" row boots `make run`'s userland (demo, then busybox sh on
# /dev/ttyS0) with the serial port on QEMU's stdin/stdout, types the
# steps below and checks what comes back: each step is one KTAP case of
# a document the harness writes at the end of the log. A step: name, the
# bytes to type, a regular expression the output after them must match,
# seconds to wait (a hang guard, not a judgement of speed), and seconds
# to pause before typing the next one.

PROMPT = r'~ # '
CONSOLE_DOC = 'KTAP version 1'
CONSOLE_MARK = '# ktest.py: the console session as typed'

CONSOLE_SESSION = [
    ('shell_prompt', '', PROMPT, 120, 0),
    ('pipes_work', 'echo kmapos | tr a-z A-Z\r', r'KMAPOS\r?\n.*' + PROMPT,
     30, 0),
    ('ctrl_c_interrupts_write_bench', 'write_bench -t 60\r',
     r'write_bench', 30, 2),
    ('ctrl_c_prompt_back', '\x03', PROMPT, 30, 0),
    ('write_bench_gone', 'pidof write_bench || echo none-left\r',
     r'none-left', 30, 0),
    ('background_job', 'sleep 100 &\r', PROMPT, 30, 0),
    ('jobs_lists_it', 'jobs\r', r'Running\s+sleep 100', 30, 0),
    ('fg_brings_it_back', 'fg\r', r'sleep 100', 30, 1),
    ('ctrl_z_stops_it', '\x1a', r'Stopped\s+sleep 100', 30, 0),
    ('bg_continues_it', 'bg\r', PROMPT, 30, 0),
    ('jobs_running_again', 'jobs\r', r'Running\s+sleep 100', 30, 0),
    ('kill_job', 'kill %1\r', PROMPT, 30, 0),
    ('job_terminated', 'jobs\r', r'Terminated\s+sleep 100', 30, 0),
    ('stopped_state_in_ps', 'sleep 50 & kill -STOP $! ; sleep 1; '
     'grep State /proc/$!/status; kill -9 $!\r', r'T \(stopped\)', 30, 0),
    ('kmapstat', 'cat /dev/kmapstat\r', PROMPT, 30, 0),
    ('poweroff', 'poweroff\r', r'powering off', 60, 0),
]


def console_session(proc, log, steps, deadline):
    """Type steps into proc's stdin; the KTAP lines for them."""
    out = bytearray()
    lock = threading.Lock()

    def reader():
        with open(log, 'ab') as f:
            while True:
                b = proc.stdout.read1(4096) if hasattr(proc.stdout, 'read1') \
                    else proc.stdout.read(1)
                if not b:
                    return
                f.write(b)
                f.flush()
                with lock:
                    out.extend(b)

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    results = []
    for name, keys, expect, wait, pause in steps:
        with lock:
            start = len(out)
        t0 = time.monotonic()
        try:
            proc.stdin.write(keys.encode('latin-1'))
            proc.stdin.flush()
        except OSError:
            pass
        ok = False
        while time.monotonic() < min(t0 + wait, deadline):
            with lock:
                text = out[start:].decode('latin-1')
            if re.search(expect, text, re.S):
                ok = True
                break
            if proc.poll() is not None and not t.is_alive():
                break
            time.sleep(0.05)
        secs = time.monotonic() - t0
        results.append((ok, name, secs, expect))
        if not ok:
            break
        # The shell switches the terminal to raw mode after its prompt.
        time.sleep(pause + 0.3)
    for name, _, expect, _, _ in steps[len(results):]:
        results.append((False, name, 0, 'not reached'))
    lines = [CONSOLE_DOC, '# Subtest: console', '1..%d' % len(steps)]
    for i, (ok, name, secs, expect) in enumerate(results, 1):
        if not ok:
            lines.append('# %s: no %r within the guard' % (name, expect))
        else:
            lines.append('# %s: %.2f s' % (name, secs))
        lines.append('%s %d %s' % ('ok' if ok else 'not ok', i, name))
    return lines


def boot_console(cfg, kernel, log, accel):
    """A console row: (exit status, timed out, seconds)."""
    cmd = qemu_command(cfg, kernel, log, accel)
    i = cmd.index('-serial')
    cmd[i:i + 2] = ['-chardev', 'stdio,id=s0,signal=off',
                    '-serial', 'chardev:s0']
    start = time.monotonic()
    deadline = start + cfg.get('timeout', KTEST_TIMEOUT)
    open(log, 'wb').close()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with _live_lock:
        _live.add(proc)
    timed_out = False
    try:
        lines = console_session(proc, log, CONSOLE_SESSION, deadline)
        try:
            proc.wait(timeout=max(1, min(30, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            timed_out = time.monotonic() > deadline
    finally:
        with _live_lock:
            _live.discard(proc)
    err = proc.stderr.read()
    with open(log, 'ab') as f:
        f.write(('\n%s\n' % CONSOLE_MARK + '\n'.join(lines) +
                 '\n').encode())
        if err:
            f.write(b'\n[qemu stderr] ' + err)
    return proc.returncode, timed_out, time.monotonic() - start


def run_one(cfg, run_name, kernel, logdir, accel):
    log = os.path.join(logdir, run_name + '.log')
    if os.path.exists(log):
        os.unlink(log)
    if cfg.get('kind') == 'console':
        status, timed_out, secs = boot_console(cfg, kernel, log, accel)
    else:
        status, timed_out, secs = boot(cfg, kernel, log, accel)
    try:
        with open(log, 'rb') as f:
            text = f.read().decode('utf-8', 'replace')
    except OSError:
        text = ''
    judged = text
    if cfg.get('kind') == 'console':
        # Only the harness's document counts (programs typed at the shell
        # print KTAP of their own); a panic anywhere still does.
        mark = text.rfind(CONSOLE_MARK)
        judged = text[mark:] if mark >= 0 else ''
        judged += ''.join('\n' + l for l in text.splitlines()
                          if PANIC_RE.search(l))
    report = evaluate(judged, status, timed_out, cfg.get('kind', 'ktap'))
    return run_name, cfg, report, text, secs, log


def log_tail(text, n=LOG_TAIL_LINES):
    lines = text.replace('\r', '').splitlines()
    return lines[-n:]


def bench_conditions(cfg):
    """What the numbers were measured on: figures are only honest with it."""
    host = os.cpu_count() or 1
    accel = 'KVM' if os.environ.get('ACCEL') == 'kvm' else \
        'TCG (software emulation; cycles are host TSC cycles)'
    note = 'measured under %s, -smp %d on a %d-CPU host' % (
        accel, cfg['smp'], host)
    if cfg['smp'] > host:
        note += ': vCPUs oversubscribe the host, so cross-CPU figures ' \
            'include host scheduling delays'
    try:
        # Other QEMUs on the host take vCPU time too: say how busy it was.
        note += '; host load average %.1f' % os.getloadavg()[0]
    except OSError:
        pass
    return note


def print_result(run_name, cfg, report, text, secs, log, keep,
                 kernel):
    verdict = 'PASS' if report.ok else 'FAIL'
    summary = report.summary()
    if report.errors:
        summary += ', %d config error%s' % (
            len(report.errors), 's' if len(report.errors) > 1 else '')
    print('%s %-22s %-36s (%.1fs)' % (verdict, run_name, summary, secs),
          flush=True)
    if report.bench_lines:
        print('    # %s' % bench_conditions(cfg))
    for line in report.bench_lines:
        print('    %s' % line)
    if report.ok:
        return
    for reason in report.errors:
        print('    error: %s' % reason)
    for path, diag in report.failures:
        print('    not ok: %s' % path)
        for d in diag:
            print('        # %s' % d)
    if report.errors:
        print('    --- last %d lines of the serial log (%s) ---' %
              (LOG_TAIL_LINES, log if keep else 'discarded'))
        for line in log_tail(text):
            print('    | %s' % line)
        print('    --- end of log ---')
    print('    rerun: %s' % rerun_command(cfg, kernel))
    sys.stdout.flush()


def rerun_command(cfg, kernel):
    """The same boot with the console on the terminal (for a human)."""
    cmd = ['bash', 'scripts/run-qemu.sh', '--kernel', kernel,
           '--smp', str(cfg['smp']), '--mem', cfg['mem'],
           '--append', cfg.get('append', '')]
    if cfg.get('initrd'):
        cmd += ['--initrd', cfg['initrd']]
    return ' '.join(_shell_quote(a) for a in cmd)


def _shell_quote(s):
    return s if re.match(r'^[\w.,:=/<>+-]+$', s) else "'%s'" % s


# ---- command line --------------------------------------------------------------

def select_configs(args):
    table = SOAK_CONFIGS if args.soak else BENCH_CONFIGS if args.bench \
        else CONFIGS
    if not args.config:
        return list(table)
    everything = CONFIGS + SOAK_CONFIGS + BENCH_CONFIGS
    chosen = []
    for pattern in args.config:
        hits = [c for c in table if fnmatch.fnmatchcase(c['name'], pattern)]
        if not hits:
            hits = [c for c in everything
                    if fnmatch.fnmatchcase(c['name'], pattern)]
        if not hits:
            sys.exit('ktest.py: no configuration matches %r (see --list)' %
                     pattern)
        chosen += [c for c in hits if c not in chosen]
    return chosen


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--kernel', default='build/kernel.elf')
    p.add_argument('--config', action='append', metavar='NAME',
                   help='run only matching configurations (glob; repeatable)')
    p.add_argument('--list', action='store_true',
                   help='list the configurations and exit')
    p.add_argument('--repeat', type=int, default=1, metavar='N')
    p.add_argument('--jobs', '-j', type=int, default=1, metavar='N',
                   help='boots to run at once (default 1)')
    p.add_argument('--soak', action='store_true',
                   help='long stress configurations')
    p.add_argument('--bench', action='store_true',
                   help='benchmark configurations; print their numbers')
    p.add_argument('--keep-logs', metavar='DIR',
                   help='keep every serial log in DIR')
    p.add_argument('--accel', default=os.environ.get('ACCEL', 'tcg'),
                   choices=('tcg', 'kvm'))
    return p.parse_args(argv)


def list_configs(configs):
    for c in configs:
        extra = []
        if c.get('initrd'):
            extra.append('initrd=%s' % c['initrd'])
        if c.get('repeat', 1) > 1:
            extra.append('x%d' % c['repeat'])
        if c.get('kind', 'ktap') != 'ktap':
            extra.append(c['kind'])
        print('%-22s -smp %-2d -m %-5s %-4ds %s%s' % (
            c['name'], c['smp'], c['mem'], c.get('timeout', KTEST_TIMEOUT),
            c.get('append', ''), ('  [' + ', '.join(extra) + ']')
            if extra else ''))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    os.environ['ACCEL'] = args.accel	# bench_conditions() reports it
    configs = select_configs(args)
    if args.list:
        list_configs(configs)
        return 0
    if not os.path.exists(args.kernel):
        sys.exit('ktest.py: no kernel at %s (run make first)' % args.kernel)
    if not shutil.which('qemu-system-i386'):
        sys.exit('ktest.py: qemu-system-i386 not found '
                 '(scripts/install-deps.sh installs it)')
    # A bare file name (the user rows' initramfs.cpio) is the one make
    # built beside the kernel, in the same build directory.
    configs = [dict(c, initrd=os.path.join(os.path.dirname(args.kernel),
                                           c['initrd']))
               if c.get('initrd') and os.sep not in c['initrd'] else c
               for c in configs]
    for c in configs:
        if c.get('initrd') and not os.path.exists(c['initrd']):
            sys.exit('ktest.py: %s: no initrd at %s' % (c['name'],
                                                          c['initrd']))

    runs = []
    for c in configs:
        n = max(1, args.repeat) * c.get('repeat', 1)
        for i in range(n):
            runs.append((c, c['name'] if n == 1 else
                         '%s#%d' % (c['name'], i + 1)))

    keep = bool(args.keep_logs)
    logdir = args.keep_logs or tempfile.mkdtemp(prefix='ktest-')
    os.makedirs(logdir, exist_ok=True)
    total = Report()
    failed_runs = []
    start = time.monotonic()
    print('ktest: %d boot(s) of %s, %d at a time' % (len(runs), args.kernel,
                                                     max(1, args.jobs)),
          flush=True)
    try:
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            futures = [ex.submit(run_one, c, name, args.kernel, logdir,
                                 args.accel) for c, name in runs]
            for fut in concurrent.futures.as_completed(futures):
                run_name, cfg, report, text, secs, log = fut.result()
                print_result(run_name, cfg, report, text, secs, log, keep,
                             args.kernel)
                total.passed += report.passed
                total.failed += report.failed + len(report.errors)
                total.skipped += report.skipped
                if not report.ok:
                    failed_runs.append(run_name)
    except KeyboardInterrupt:
        kill_live_boots()
        print('ktest: interrupted')
        total.failed += 1
    finally:
        if not keep:
            shutil.rmtree(logdir, ignore_errors=True)

    print('ktest: %d boot(s) in %.0fs; %s' % (
        len(runs), time.monotonic() - start,
        'failed: ' + ' '.join(sorted(failed_runs)) if failed_runs
        else 'all passed'))
    print(total.summary())
    return 1 if total.failed or not (total.passed + total.skipped) else 0


if __name__ == '__main__':
    sys.exit(main())
