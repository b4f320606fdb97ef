#!/usr/bin/env python3
"""Write compile_commands.json (for clangd and other tools) to stdout.

    compile-commands.py CC "CFLAGS" file.c...

`make compile_commands.json` calls this with the kernel's real compiler
and flags, so editors see exactly what the build does. Dependency-file
flags (-MMD -MP) are dropped: tools that replay the command should not
write .d files into the tree.
"""
import json
import os
import shlex
import sys

DROP = {'-MMD', '-MP', '-MD'}


def entries(cc, cflags, files, directory):
    flags = [f for f in shlex.split(cflags) if f not in DROP]
    for src in files:
        obj = os.path.join('build', os.path.splitext(src)[0] + '.o')
        yield {
            'directory': directory,
            'file': os.path.join(directory, src),
            'arguments': shlex.split(cc) + flags + ['-c', src, '-o', obj],
            'output': obj,
        }


def main(argv):
    if len(argv) < 3:
        sys.exit('usage: compile-commands.py CC "CFLAGS" file.c...')
    cc, cflags, files = argv[1], argv[2], argv[3:]
    json.dump(list(entries(cc, cflags, files, os.getcwd())), sys.stdout,
              indent=2)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main(sys.argv)
