#!/usr/bin/env python3
"""write_bench on kmapos and on Linux i386, side by side, in the same QEMU.

    bench-linux.py [--smp 1,2,4] [--repeat 3] [--seconds 0.5]
                   [--sinks LIST] [--sizes LIST] [--out build/bench]

`make bench-linux` runs this. The reference is Debian's linux-image-686
(a 32-bit HIGHMEM4G kernel), fetched once with apt-get download into a
cache under the build directory. Both kernels boot in the same machine
(qemu-system-i386, -cpu qemu32, multi-threaded TCG, -m 256M) with the same
memory split, about 64 MiB of lowmem and the rest highmem (kmapos
lowmem=64M, Linux highmem=196480K, see LINUX_HIGHMEM), and run the same
static write_bench binary with the same settings. At each CPU count the
boots are interleaved (kmapos percpu, kmapos global, Linux, then again),
so slow drift of the host's load spreads over all three.

Output: a table of writes/s (median and min-max over the repeats) with
the ratio kmapos percpu / Linux; a CSV of every run and case; two gnuplot
PNGs (writes/s against CPU count; kmapos highmem events per write).
Documentation/benchmarks.md explains the workloads and the figures.
"""
import argparse
import csv
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ktest  # noqa: E402  (the QEMU boot machinery and KTAP checks)

LINUX_PACKAGE = 'linux-image-686:i386'
MEM = '256M'
KMAPOS_LOWMEM = '64M'
# Linux's highmem= sets the size of ZONE_HIGHMEM, and Linux refuses one
# that leaves under 64 MiB of lowmem ("results in <64MB lowmem, ignoring
# it!"). SeaBIOS keeps the top 128 KiB of a 256 MiB machine (usable RAM
# ends at 0xffdffff), so 192M is too much: 196480K (192M - 128K) makes
# HighMem [0x4000000, 0xffe0000), exactly kmapos's zone under lowmem=64M.
LINUX_HIGHMEM = '196480K'
# Linux command line. nokaslr: the 686 kernel randomizes its physical
# load address (CONFIG_RANDOMIZE_BASE) anywhere in RAM, but with 64 MiB
# of lowmem it must sit in lowmem; a random place above that resets the
# machine before the console is up (about every other boot). panic=-1:
# a panic ends QEMU at once (-no-reboot) instead of waiting for the guard.
LINUX_APPEND = ['console=ttyS0', 'nokaslr', 'panic=-1']
MODES = ('percpu', 'global', 'linux')
EVENTS = ('kmap_local', 'invlpg', 'shootdowns', 'ipis')
BOOT_TIMEOUT = 900   # a hang guard, never a judgement of speed

SUMMARY_RE = re.compile(r'#\s*summary\s+(\w+)\s+([\d.]+) MB/s\s+([\d.]+) '
                        r'writes/s')
EVENTS_RE = re.compile(r'#\s*(\w+): kmapstat per write: kmap_local=([\d.]+) '
                       r'invlpg=([\d.]+) shootdowns=([\d.]+) ipis=([\d.]+)')
LINUX_MEM_RE = re.compile(r'\] (\d+MB (?:HIGH|LOW)MEM available\.|Memory: .*'
                          r'highmem\)|highmem size .*|  HighMem .*)$')


# ---- the Linux kernel ----------------------------------------------------------

def _vmlinuz_in(directory):
    found = sorted(glob.glob(os.path.join(directory, 'boot', 'vmlinuz-*')))
    return found[-1] if found else None


def _download(package, workdir):
    """apt-get download one package into workdir; the .deb's path."""
    if subprocess.run(['apt-get', 'download', '-q', package], cwd=workdir,
                      stdout=subprocess.DEVNULL).returncode:
        sys.exit('bench-linux: apt-get download %s failed (the i386 '
                 'architecture needs to be added, which '
                 'scripts/install-deps.sh does, and apt-get update run)' %
                 package)
    debs = sorted(glob.glob(os.path.join(workdir, '*.deb')),
                  key=os.path.getmtime)
    return debs[-1]


def _image_dependency(deb):
    """The real linux-image-X.Y.Z-N-686 package a meta package names."""
    depends = subprocess.run(['dpkg-deb', '-f', deb, 'Depends'], check=True,
                             capture_output=True, text=True).stdout
    for dep in depends.split(','):
        name = dep.split('(')[0].strip()
        if re.match(r'linux-image-\d.*-686$', name):
            return name + ':i386'
    sys.exit('bench-linux: %s depends on no linux-image-*-686: %s' %
             (os.path.basename(deb), depends.strip()))


def fetch_linux(cache):
    """Debian's i386 686 kernel, unpacked under cache; the vmlinuz path.

    Downloads only when the cache has no kernel: later runs need no
    network. linux-image-686 is a meta package, so its dependency is the
    package that holds the kernel. Modules are not needed (the 686 config
    builds the serial console, devtmpfs, proc and tmpfs in) and are removed.
    """
    vmlinuz = _vmlinuz_in(cache)
    if vmlinuz:
        return vmlinuz
    print('bench-linux: fetching %s into %s' % (LINUX_PACKAGE, cache),
          flush=True)
    with tempfile.TemporaryDirectory(prefix='linux-686-') as work:
        os.chmod(work, 0o777)   # apt-get's download user (_apt) writes here
        deb = _download(LINUX_PACKAGE, work)
        if not subprocess.run(['dpkg-deb', '-c', deb], check=True,
                              capture_output=True,
                              text=True).stdout.count('boot/vmlinuz-'):
            deb = _download(_image_dependency(deb), work)
        unpacked = cache + '.tmp'
        shutil.rmtree(unpacked, ignore_errors=True)
        subprocess.run(['dpkg-deb', '-x', deb, unpacked], check=True)
        shutil.copy(deb, unpacked)
    shutil.rmtree(os.path.join(unpacked, 'lib', 'modules'),
                  ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    os.rename(unpacked, cache)
    return _vmlinuz_in(cache)


def check_linux_config(vmlinuz):
    """Warn if the kernel lacks what the benchmark boot relies on."""
    config = os.path.join(os.path.dirname(vmlinuz),
                          os.path.basename(vmlinuz).replace('vmlinuz',
                                                            'config'))
    try:
        text = open(config).read()
    except OSError:
        return
    for opt in ('HIGHMEM4G', 'SERIAL_8250_CONSOLE', 'DEVTMPFS', 'TMPFS',
                'PROC_FS', 'BLK_DEV_INITRD', 'SMP'):
        if 'CONFIG_%s=y' % opt not in text:
            print('bench-linux: warning: %s has no CONFIG_%s=y' %
                  (os.path.basename(config), opt))


# ---- the boots ------------------------------------------------------------------

def bench_env(args, label):
    """write_bench's settings as kernel command-line words (init's env)."""
    words = ['WB_SECONDS=%s' % args.seconds]
    if args.sinks:
        words.append('WB_SINKS=%s' % args.sinks)
    if args.sizes:
        words.append('WB_SIZES=%s' % args.sizes)
    return words + ['WB_LABEL=%s' % label]


def boot_config(args, mode, smp):
    """The ktest-style configuration of one boot (ktest.qemu_command)."""
    name = '%s-smp%d' % ('linux' if mode == 'linux' else 'kmapos-' + mode,
                         smp)
    if mode == 'linux':
        words = LINUX_APPEND + ['highmem=%s' % args.linux_highmem] + \
            bench_env(args, 'linux-686,smp=%d' % smp)
        return dict(name=name, mode=mode, smp=smp, mem=MEM,
                    append=' '.join(words), initrd=args.linux_initrd,
                    kernel=args.linux_kernel,
                    timeout=BOOT_TIMEOUT, kind='bench')
    words = ['lowmem=%s' % KMAPOS_LOWMEM, 'kmap=%s' % mode,
             'utest=write_bench'] + \
        bench_env(args, 'kmap=%s,smp=%d' % (mode, smp)) + ['--', 'ktest']
    return dict(name=name, mode=mode, smp=smp, mem=MEM,
                append=' '.join(words), initrd=args.initrd,
                kernel=args.kernel,
                timeout=BOOT_TIMEOUT, kind='bench')


def boot_problems(cfg, text, status, timed_out):
    """Why a boot's numbers cannot be trusted: a list, empty if none."""
    linux = cfg['mode'] == 'linux'
    # kmapos exits through isa-debug-exit; Linux powers off (status 0).
    report = ktest.evaluate(text, None if linux else status, timed_out,
                            'bench')
    problems = list(report.errors) + ['not ok: %s' % path
                                      for path, _ in report.failures]
    if linux and not timed_out and status != 0:
        problems.append('QEMU exit status %s (no power-off?)' % status)
    return problems


def parse_cases(text):
    """{case: {'mbs', 'wps', and the EVENTS if printed}} from write_bench."""
    cases = {}
    for line in text.splitlines():
        m = SUMMARY_RE.search(line)
        if m:
            cases.setdefault(m.group(1), {}).update(
                mbs=float(m.group(2)), wps=float(m.group(3)))
            continue
        m = EVENTS_RE.search(line)
        if m:
            cases.setdefault(m.group(1), {}).update(
                zip(EVENTS, map(float, m.group(2, 3, 4, 5))))
    return {c: v for c, v in cases.items() if 'wps' in v}


def split_case(case):
    """'pipe_same_4k_2048' -> ('pipe-same', '4k+2048'): sizes start with
    a digit, sink names have none after an underscore."""
    m = re.match(r'^(.*?)_(\d.*)$', case)
    if not m:
        return case, ''
    return m.group(1).replace('_', '-'), m.group(2).replace('_', '+', 1)


def run_boot(cfg, rep, logdir):
    """Boot once; (list of per-case result dicts, serial log text)."""
    log = os.path.join(logdir, '%s-rep%d.log' % (cfg['name'], rep))
    if os.path.exists(log):
        os.unlink(log)
    status, timed_out, secs = ktest.boot(cfg, cfg['kernel'], log, 'tcg')
    with open(log, 'rb') as f:
        text = f.read().decode('utf-8', 'replace')
    problems = boot_problems(cfg, text, status, timed_out)
    cases = parse_cases(text)
    print('  %-20s rep %d: %2d cases in %5.1fs%s' % (
        cfg['name'], rep, len(cases), secs,
        '' if not problems else '  PROBLEM: ' + '; '.join(problems)),
        flush=True)
    if problems:
        print('    serial log: %s' % log)
    rows = []
    for case, v in cases.items():
        sink, size = split_case(case)
        rows.append(dict(config=cfg['name'], smp=cfg['smp'], mode=cfg['mode'],
                         rep=rep, case=case, sink=sink, size=size, **v))
    return rows, text


def linux_memory_lines(text):
    """The boot-log lines that show Linux's HighMem/LowMem split."""
    return [m.group(1) for m in map(LINUX_MEM_RE.search, text.splitlines())
            if m]


def run_all(args, logdir):
    """Every boot, interleaved per CPU count: (per-case rows, conditions
    per CPU count, the first Linux boot's memory-split lines)."""
    rows, conditions, memory = [], {}, []
    for smp in args.smp:
        conditions[smp] = ktest.bench_conditions(dict(smp=smp))
        print('-smp %d: %s' % (smp, conditions[smp]), flush=True)
        for rep in range(1, args.repeat + 1):
            for mode in MODES:
                new, text = run_boot(boot_config(args, mode, smp), rep,
                                     logdir)
                rows += new
                if mode == 'linux' and not memory:
                    memory = linux_memory_lines(text)
    return rows, conditions, memory


# ---- the figures ------------------------------------------------------------------

def spread(values):
    """(median, min, max), or None for no values."""
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def aggregate(rows, key):
    """{(case, smp, mode): (median, min, max)} of one column."""
    groups = {}
    for r in rows:
        if key in r:
            groups.setdefault((r['case'], r['smp'], r['mode']),
                              []).append(r[key])
    return {k: spread(v) for k, v in groups.items()}


def case_order(rows):
    """Cases in the order write_bench ran them."""
    seen = []
    for r in rows:
        if r['case'] not in seen:
            seen.append(r['case'])
    return seen


def human(x):
    if x >= 1e6:
        return '%.2fM' % (x / 1e6)
    if x >= 1e4:
        return '%.0fk' % (x / 1e3)
    if x >= 1e3:
        return '%.1fk' % (x / 1e3)
    return '%.0f' % x


def cell(s):
    if not s:
        return '-'
    med, lo, hi = s
    return '%s (%s-%s)' % (human(med), human(lo), human(hi))


def table_lines(rows, args, conditions):
    """The side-by-side table, as markdown, conditions first."""
    wps = aggregate(rows, 'wps')
    out = ['write() calls per second in total: median (min-max) of %d '
           'boots each, %s s per case' % (args.repeat, args.seconds)]
    out += ['-smp %d: %s' % (smp, conditions[smp]) for smp in args.smp]
    out += ['', '| row | CPUs | kmapos percpu | kmapos global | Linux 686 '
            '| percpu/Linux |', '|---|---|---|---|---|---|']
    for case in case_order(rows):
        for smp in args.smp:
            s = [wps.get((case, smp, m)) for m in MODES]
            if not any(s):
                continue
            ratio = '%.2f' % (s[0][0] / s[2][0]) if s[0] and s[2] and \
                s[2][0] else '-'
            out.append('| `%s` | %d | %s | %s | %s | %s |' % (
                case, smp, cell(s[0]), cell(s[1]), cell(s[2]), ratio))
    return out


# CSV header -> key of a result row; the case name is sink and size.
CSV_COLUMNS = [('config', 'config'), ('smp', 'smp'), ('kmap', 'mode'),
               ('rep', 'rep'), ('sink', 'sink'), ('size', 'size'),
               ('writes_per_s', 'wps'), ('mb_per_s', 'mbs')] + \
    [('%s_per_write' % e, e) for e in EVENTS]


def write_csv(rows, path):
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow([head for head, _ in CSV_COLUMNS])
        for r in rows:
            w.writerow([r.get(key, '') for _, key in CSV_COLUMNS])


def read_csv(path):
    """The rows of an earlier run's CSV (--from-csv)."""
    rows = []
    with open(path, newline='') as f:
        for line in csv.DictReader(f):
            r = {key: line[head] for head, key in CSV_COLUMNS
                 if line.get(head, '') != ''}
            for key in ('smp', 'rep'):
                r[key] = int(r[key])
            for key in ['wps', 'mbs'] + list(EVENTS):
                if key in r:
                    r[key] = float(r[key])
            # write_bench's case name: "pipe-same", "4k+2048" -> as below
            r['case'] = re.sub(r'[-+]', '_', r['sink'] + '_' + r['size'])
            rows.append(r)
    return rows


# ---- plots (gnuplot) -----------------------------------------------------------

MODE_STYLE = {'percpu': 'lc rgb "#1f77b4" pt 7',
              'global': 'lc rgb "#d62728" pt 5',
              'linux': 'lc rgb "#2ca02c" pt 9'}
MODE_TITLE = {'percpu': 'kmapos percpu', 'global': 'kmapos global',
              'linux': 'Linux 686'}
EVENT_STYLE = {'kmap_local': 'lc rgb "#1f77b4" pt 7',
               'invlpg': 'lc rgb "#ff7f0e" pt 5',
               'shootdowns': 'lc rgb "#d62728" pt 9',
               'ipis': 'lc rgb "#9467bd" pt 11'}


def _datablock(name, points):
    """A gnuplot datablock: lines of x, median, min, max."""
    body = '\n'.join('%d %g %g %g' % (x, *s) for x, s in points)
    return '$%s << EOD\n%s\nEOD' % (name, body or '1 NaN NaN NaN')


def _multiplot(png, panels, args, title):
    """Terminal, layout and axes shared by both plots: a grid of panels,
    one per case, and one more cell for the legend."""
    cells = panels + 1
    # 4 or 5 columns, whichever needs fewer rows (4 if equal).
    cols = min((4, 5), key=lambda c: (-(-cells // c), c)) \
        if cells > 4 else cells
    rows = -(-cells // cols)
    return ['set terminal pngcairo noenhanced size %d,%d font ",9"' %
            (400 * cols, 300 * rows + 40),
            'set output "%s"' % png, 'set grid', 'set key off',
            'set logscale x 2', 'set xlabel "CPUs"',
            'set xrange [%g:%g]' % (min(args.smp) / 1.4,
                                    max(args.smp) * 1.4),
            'set xtics (%s)' % ', '.join(str(s) for s in args.smp),
            'set multiplot layout %d,%d title "%s"' % (rows, cols, title)]


def _legend_panel(entries):
    """The last cell: only a legend of (style, title) pairs."""
    return ['unset border', 'unset tics', 'unset grid', 'unset xlabel',
            'unset ylabel', 'unset title', 'unset logscale',
            'set key center center box',
            'set xrange [0:1]', 'set yrange [0:1]',
            'plot ' + ', '.join('NaN with linespoints %s lw 2 title "%s"' %
                                e for e in entries),
            'unset multiplot']


def gnuplot_writes(rows, args, png):
    """writes/s against CPU count, one panel per case, one line per mode."""
    wps, cases = aggregate(rows, 'wps'), case_order(rows)
    script = _multiplot(png, len(cases), args,
                        'write_bench: write() calls per second, median of '
                        '%d boots, bars min-max (QEMU TCG, %d host CPUs)' %
                        (args.repeat, os.cpu_count() or 1))
    script += ['set logscale y', 'set ylabel "writes/s"']
    for i, case in enumerate(cases):
        plots = []
        for m in MODES:
            name = 'w%d%s' % (i, m)
            script.append(_datablock(name, [
                (smp, wps[(case, smp, m)]) for smp in args.smp
                if (case, smp, m) in wps]))
            plots.append('$%s using 1:2:3:4 with yerrorlines %s lw 2' %
                         (name, MODE_STYLE[m]))
        script += ['set title "%s"' % case, 'plot ' + ', '.join(plots)]
    script += _legend_panel([(MODE_STYLE[m], MODE_TITLE[m]) for m in MODES])
    return '\n'.join(script) + '\n'


EVENT_MODES = (('global', 1), ('percpu', 2))   # kmap mode, gnuplot dash type


def gnuplot_events(rows, args, png):
    """kmapos events per write, one panel per case: one colour per event,
    solid for kmap=global, dashed for kmap=percpu (medians)."""
    cases = case_order(rows)
    stats = {e: aggregate(rows, e) for e in EVENTS}
    script = _multiplot(png, len(cases), args,
                        'kmapos: /dev/kmapstat events per write() over all '
                        'CPUs (readers included), median of %d boots' %
                        args.repeat)
    script += ['set yrange [0:*]', 'set ylabel "events per write"']
    for i, case in enumerate(cases):
        plots = []
        for m, dash in EVENT_MODES:
            for e in EVENTS:
                name = 'e%d%s%s' % (i, m, e)
                script.append(_datablock(name, [
                    (smp, stats[e][(case, smp, m)]) for smp in args.smp
                    if (case, smp, m) in stats[e]]))
                plots.append('$%s using 1:2 with linespoints %s dt %d lw 2'
                             % (name, EVENT_STYLE[e], dash))
        script += ['set title "%s"' % case, 'plot ' + ', '.join(plots)]
    script += _legend_panel([('%s dt %d' % (EVENT_STYLE[e], dash),
                              '%s, kmap=%s' % (e, m))
                             for m, dash in EVENT_MODES for e in EVENTS])
    return '\n'.join(script) + '\n'


def run_gnuplot(script, path):
    with open(path, 'w') as f:
        f.write(script)
    if not shutil.which('gnuplot'):
        print('bench-linux: no gnuplot (scripts/install-deps.sh installs '
              'gnuplot-nox); plot script left in %s' % path)
        return False
    subprocess.run(['gnuplot', path], check=True)
    return True


# ---- command line ---------------------------------------------------------------

def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--kernel', default='build/kernel.elf', help='kmapos')
    p.add_argument('--initrd', default=None,
                   help="kmapos's initramfs (default: beside --kernel)")
    p.add_argument('--linux-initrd', default=None,
                   help='linux-initramfs.cpio (default: beside --kernel)')
    p.add_argument('--linux-cache', default=None,
                   help='where linux-image-686 is unpacked (default: '
                   'linux-686/ beside --kernel)')
    p.add_argument('--linux-highmem', default=LINUX_HIGHMEM)
    p.add_argument('--smp', default='1,2,4',
                   help='CPU counts, comma-separated (default 1,2,4)')
    p.add_argument('--repeat', type=int, default=3, metavar='N',
                   help='boots per kernel and CPU count (default 3)')
    p.add_argument('--seconds', default='0.5',
                   help="write_bench's time per case (default 0.5)")
    p.add_argument('--sinks', default=None,
                   help="write_bench --sinks (default: write_bench's own)")
    p.add_argument('--sizes', default=None,
                   help="write_bench --sizes (default: write_bench's own)")
    p.add_argument('--from-csv', metavar='FILE',
                   help='no boots: table and plots from an earlier CSV')
    p.add_argument('--out', default=None,
                   help='CSV, PNGs and logs (default: bench/ beside '
                   '--kernel)')
    args = p.parse_args(argv)
    build = os.path.dirname(args.kernel) or '.'
    args.smp = [int(s) for s in args.smp.split(',') if s]
    args.initrd = args.initrd or os.path.join(build, 'initramfs.cpio')
    args.linux_initrd = args.linux_initrd or \
        os.path.join(build, 'linux-initramfs.cpio')
    args.linux_cache = args.linux_cache or os.path.join(build, 'linux-686')
    args.out = args.out or os.path.join(build, 'bench')
    return args


def check_inputs(args):
    for path in (args.kernel, args.initrd, args.linux_initrd):
        if not os.path.exists(path):
            sys.exit('bench-linux: no %s (make bench-linux builds it)' %
                     path)
    if not shutil.which('qemu-system-i386'):
        sys.exit('bench-linux: qemu-system-i386 not found '
                 '(scripts/install-deps.sh installs it)')


def report(rows, args, conditions, memory, started):
    """Table on stdout and in a file, CSV, plots."""
    lines = table_lines(rows, args, conditions)
    lines += ['', 'Linux boot log, memory split (highmem=%s):' %
              args.linux_highmem]
    lines += ['    ' + l for l in (memory or ['(not found)'])]
    print('\n'.join(lines))
    base = os.path.join(args.out, 'bench-linux')
    with open(base + '.md', 'w') as f:
        f.write('\n'.join(lines) + '\n')
    write_csv(rows, base + '.csv')
    made = [base + '.md', base + '.csv']
    if run_gnuplot(gnuplot_writes(rows, args, base + '-writes.png'),
                   base + '-writes.gp'):
        made.append(base + '-writes.png')
    if run_gnuplot(gnuplot_events([r for r in rows if r['mode'] != 'linux'],
                                  args, base + '-events.png'),
                   base + '-events.gp'):
        made.append(base + '-events.png')
    print('\nbench-linux: %d boots in %.0f s; wrote %s' % (
        len({(r['config'], r['rep']) for r in rows}),
        time.monotonic() - started, ' '.join(made)))


def replot(args):
    """--from-csv: the table and the plots again, without booting."""
    rows = read_csv(args.from_csv)
    args.smp = sorted({r['smp'] for r in rows})
    args.repeat = max(r['rep'] for r in rows)
    os.makedirs(args.out, exist_ok=True)
    report(rows, args, {smp: 'conditions in the run\'s own output'
                        for smp in args.smp}, [], time.monotonic())
    return 0


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.from_csv:
        return replot(args)
    check_inputs(args)
    args.linux_kernel = fetch_linux(args.linux_cache)
    check_linux_config(args.linux_kernel)
    logdir = os.path.join(args.out, 'logs')
    os.makedirs(logdir, exist_ok=True)
    started = time.monotonic()
    print('bench-linux: kmapos %s against %s; -smp %s, %d boots each, '
          '%s s per case; host: %d CPUs, load average %.2f at start' % (
              args.kernel, args.linux_kernel,
              ','.join(map(str, args.smp)), args.repeat, args.seconds,
              os.cpu_count() or 1, os.getloadavg()[0]), flush=True)
    try:
        rows, conditions, memory = run_all(args, logdir)
    except KeyboardInterrupt:
        ktest.kill_live_boots()
        sys.exit('bench-linux: interrupted')
    if not rows:
        sys.exit('bench-linux: no numbers (see the serial logs in %s)' %
                 logdir)
    report(rows, args, conditions, memory, started)
    return 0


if __name__ == '__main__':
    sys.exit(main())
