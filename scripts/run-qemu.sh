#!/bin/bash
# Boot the kernel in QEMU with the serial console on this terminal.
#
#   run-qemu.sh --kernel build/kernel.elf [--initrd f.cpio] [--smp N]
#               [--mem 1G] [--append "params"] [--accel tcg|kvm] [--gdb]
#
# Quit with Ctrl-A X. With --gdb, QEMU stops at reset and gdb attaches
# (port $GDB_PORT, default 1234) and runs to start_kernel; the kernel log
# goes to serial-gdb.log next to the kernel. Without a terminal on stdin,
# gdb prints the backtrace and registers there and quits. Multi-threaded TCG is the default accelerator:
# /dev/kvm on the development machines cannot run 32-bit paged guests, so
# KVM is only used when asked for (ACCEL=kvm).
set -e

kernel=build/kernel.elf initrd= smp=4 mem=1G append= accel=tcg gdb=
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift ;;
	--initrd) initrd=$2; shift ;;
	--smp) smp=$2; shift ;;
	--mem) mem=$2; shift ;;
	--append) append=$2; shift ;;
	--accel) accel=$2; shift ;;
	--gdb) gdb=1 ;;
	*) echo "run-qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

case "$accel" in
tcg) accel_opt="tcg,thread=multi" ;;
kvm) accel_opt="kvm" ;;
*) echo "run-qemu.sh: ACCEL must be tcg or kvm" >&2; exit 2 ;;
esac

args=(-machine pc -cpu qemu32 -accel "$accel_opt" -smp "$smp" -m "$mem"
      -kernel "$kernel" -append "$append"
      -device isa-debug-exit,iobase=0xf4,iosize=0x04
      -no-reboot -display none)
[ -n "$initrd" ] && args+=(-initrd "$initrd")

if [ -n "$gdb" ]; then
	# gdb owns the terminal, so the serial console goes to a file (QEMU
	# would put a stdio console in raw mode under gdb's feet).
	port=${GDB_PORT:-1234}
	log=$(dirname "$kernel")/serial-gdb.log
	echo "QEMU stopped at reset, waiting for gdb on :$port."
	echo "Kernel log: $log (tail -f it in another terminal)."
	qemu-system-i386 "${args[@]}" -serial "file:$log" -monitor none \
		-gdb "tcp:127.0.0.1:$port" -S </dev/null &
	qemu_pid=$!
	trap 'kill $qemu_pid 2>/dev/null' EXIT
	gdb_args=(-q "$kernel" -ex "set confirm off"
		  -ex "target remote 127.0.0.1:$port"
		  -ex "break start_kernel" -ex "continue")
	if [ ! -t 0 ]; then
		# Not on a terminal (scripts, CI): show where we stopped, quit.
		gdb_args+=(-batch -ex "backtrace" -ex "info registers eip esp cr0 cr3")
	fi
	gdb "${gdb_args[@]}"
	exit 0
fi

args+=(-serial mon:stdio)
echo "Booting $kernel with -smp $smp -m $mem (quit: Ctrl-A X)"
status=0
qemu-system-i386 "${args[@]}" || status=$?
# isa-debug-exit turns the kernel's code c into (c << 1) | 1.
[ "$status" = 1 ] && status=0
exit $status
