// SPDX-License-Identifier: GPL-2.0
/* hello: printf from a static musl program (the smallest end-to-end check). */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("hello, world from pid %d on CPU %d (%s%s%s)\n", getpid(),
	       sched_getcpu(), argv[0], argc > 1 ? " " : "",
	       argc > 1 ? argv[1] : "");
	return 0;
}
