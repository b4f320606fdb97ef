#!/bin/bash
# Fetch Debian's static i386 busybox (busybox-static:i386) into DIR once:
#   fetch-busybox.sh DIR      -> DIR/busybox, DIR/*.deb kept as the cache
# apt-get download needs the i386 package lists, which the deps step
# (scripts/install-deps.sh, for musl-dev:i386) already set up.
set -e
dir=$1
[ -x "$dir/busybox" ] && exit 0
mkdir -p "$dir"
cd "$dir"
if ! ls busybox-static_*_i386.deb >/dev/null 2>&1; then
	apt-get download busybox-static:i386 >/dev/null 2>&1 || {
		echo "fetch-busybox: apt-get download busybox-static:i386 failed" \
		     "(is the i386 architecture added? run make deps)" >&2
		exit 1
	}
fi
rm -rf x
dpkg-deb -x busybox-static_*_i386.deb x
cp x/bin/busybox busybox.tmp
rm -rf x
mv busybox.tmp busybox
echo "  FETCH   $dir/busybox ($(./busybox 2>&1 | head -1 | cut -c1-40))"
