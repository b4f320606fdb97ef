#!/bin/bash
# Boot the kernel in QEMU with the serial console on this terminal.
#
#   run-qemu.sh --kernel build/kernel.elf [--initrd f.cpio] [--smp N]
#               [--mem 512M] [--append "params"] [--accel tcg|kvm] [--gdb]
#
# Quit with Ctrl-A X. Multi-threaded TCG is the default accelerator:
# /dev/kvm on the development machines cannot run 32-bit paged guests, so
# KVM is only used when asked for (ACCEL=kvm).
set -e

kernel=build/kernel.elf initrd= smp=4 mem=512M append= accel=tcg gdb=
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
      -no-reboot -display none -serial mon:stdio)
[ -n "$initrd" ] && args+=(-initrd "$initrd")

if [ -n "$gdb" ]; then
	echo "QEMU waits for gdb on :1234; starting gdb with kernel symbols."
	qemu-system-i386 "${args[@]}" -s -S &
	qemu_pid=$!
	trap 'kill $qemu_pid 2>/dev/null' EXIT
	gdb -q "$kernel" -ex "target remote :1234" -ex "break start_kernel" \
		-ex "continue"
	exit 0
fi

echo "Booting $kernel with -smp $smp -m $mem (quit: Ctrl-A X)"
status=0
qemu-system-i386 "${args[@]}" || status=$?
# isa-debug-exit turns the kernel's code c into (c << 1) | 1.
[ "$status" = 1 ] && status=0
exit $status
