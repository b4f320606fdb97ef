#!/bin/bash
# Run the user-space write() benchmark on this Linux host: the same static
# i386 binary that `make bench` boots in kmapos (user/bench/write_bench.c),
# so the two outputs have the same cases and the same summary table.
#
#   scripts/write-bench-host.sh [write_bench options]
#   O=build-me scripts/write-bench-host.sh --seconds 2 --sinks pipe-other
#
# The figures are native and the kernel's are emulated (QEMU TCG): compare
# shapes (percpu vs global, sizes, sinks), not absolute values.
# Documentation/benchmarks.md explains the output.
set -eu
O=${O:-build}
bin=$O/user/rootfs/bin/write_bench
if [ ! -x "$bin" ]; then
	make --no-print-directory O="$O" "$bin"
fi
label="Linux host $(uname -r) $(uname -m), native, $(nproc) CPUs"
# A later --label on the command line wins over this one.
exec "$bin" --label "$label" "$@"
