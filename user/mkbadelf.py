#!/usr/bin/env python3
"""Write malformed variants of a good static i386 ELF for the exec tests.

    mkbadelf.py GOOD_ELF OUTDIR

Each variant breaks one thing an ELF loader must check. user/tests/exec.c
knows the names and what execve() must answer for each (on Linux and on
kmapos); Documentation/userland.md lists them.
"""
import os
import struct
import sys

# ELF32 header and program header field offsets.
E_MACHINE, E_ENTRY, E_PHOFF = 18, 24, 28
E_PHENTSIZE, E_PHNUM = 42, 44
P_TYPE, P_OFFSET, P_VADDR, P_FILESZ, P_MEMSZ = 0, 4, 8, 16, 20
PT_LOAD = 1
EM_ARM = 40


def u16(b, off, val):
    struct.pack_into('<H', b, off, val)


def u32(b, off, val):
    struct.pack_into('<I', b, off, val)


def first_load(b):
    phoff = struct.unpack_from('<I', b, E_PHOFF)[0]
    phnum = struct.unpack_from('<H', b, E_PHNUM)[0]
    for i in range(phnum):
        off = phoff + 32 * i
        if struct.unpack_from('<I', b, off + P_TYPE)[0] == PT_LOAD:
            return off
    sys.exit('mkbadelf: no PT_LOAD in the good ELF')


def variants(good):
    v = {}
    v['not-elf'] = bytearray(b'this is not an executable\n')
    v['truncated-header'] = bytearray(good[:40])

    b = bytearray(good)
    u16(b, E_MACHINE, EM_ARM)
    v['wrong-machine'] = b

    b = bytearray(good)
    u16(b, E_PHENTSIZE, 16)
    v['bad-phentsize'] = b

    b = bytearray(good)
    u16(b, E_PHNUM, 0)
    v['no-phdrs'] = b

    b = bytearray(good)
    u32(b, E_PHOFF, len(good) + 4096)
    v['phdrs-past-eof'] = b

    b = bytearray(good)
    ph = first_load(b)
    filesz = struct.unpack_from('<I', b, ph + P_FILESZ)[0]
    u32(b, ph + P_OFFSET, len(good) + 8192)
    u32(b, ph + P_FILESZ, filesz)
    v['segment-past-eof'] = b

    b = bytearray(good)
    ph = first_load(b)
    memsz = struct.unpack_from('<I', b, ph + P_MEMSZ)[0]
    u32(b, ph + P_FILESZ, memsz + 0x10000)
    v['filesz-over-memsz'] = b

    b = bytearray(good)
    ph = first_load(b)
    u32(b, ph + P_VADDR, 0xC0000000)
    v['segment-in-kernel'] = b

    b = bytearray(good)
    ph = first_load(b)
    u32(b, ph + P_VADDR, 0xFFFFF000)
    u32(b, ph + P_MEMSZ, 0x10000)
    v['segment-wraps'] = b
    return v


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], 'rb') as f:
        good = f.read()
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, data in variants(good).items():
        path = os.path.join(sys.argv[2], name)
        with open(path + '.tmp', 'wb') as f:
            f.write(data)
        os.chmod(path + '.tmp', 0o755)
        os.replace(path + '.tmp', path)


if __name__ == '__main__':
    main()
