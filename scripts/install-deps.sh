#!/bin/bash
# Install every tool the build, the tests and `make run` need on Debian 12.
# Idempotent: does nothing when everything is already present.
set -e

need=()
command -v i686-linux-gnu-gcc >/dev/null || need+=(gcc-i686-linux-gnu binutils-i686-linux-gnu)
command -v nasm >/dev/null || need+=(nasm)
command -v qemu-system-i386 >/dev/null || need+=(qemu-system-x86)
command -v make >/dev/null || need+=(make)
command -v cpio >/dev/null || need+=(cpio)
command -v python3 >/dev/null || need+=(python3)
command -v gdb >/dev/null || need+=(gdb)	# make gdb
command -v gnuplot >/dev/null || need+=(gnuplot-nox)	# make bench-linux plots
[ -f /usr/lib/i386-linux-musl/musl-gcc.specs ] || need+=(musl-dev:i386)
# glibc for i386, static: user/glibc/ programs (plain i686-linux-gnu-gcc -static).
[ -f "$(i686-linux-gnu-gcc -print-file-name=libc.a 2>/dev/null)" ] ||
	need+=(libc6-dev-i386-cross)

[ ${#need[@]} -eq 0 ] && exit 0

SUDO=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || {
		echo "install-deps: need root or sudo to install: ${need[*]}" >&2
		exit 1
	}
	SUDO=sudo
fi

echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
case " ${need[*]} " in
*:i386*)
	dpkg --print-foreign-architectures | grep -qx i386 ||
		$SUDO dpkg --add-architecture i386
	;;
esac
# A mirror caught mid-sync fails one index but leaves the others usable:
# retry, and let the install decide whether what we have is enough.
for try in 1 2 3; do
	$SUDO apt-get update -qq && break
	echo "install-deps: apt-get update failed (try $try), retrying" >&2
	sleep 5
done
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
