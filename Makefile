# Top-level Makefile: builds build/kernel.elf from arch/x86, mm, kernel and
# drivers; `make run` boots it, `make test` runs every test configuration.
#
# Sources are found by wildcard, so a new .c or .asm file in one of the
# source directories is built without editing this file.

O       ?= build
SMP     ?= 4
MEM     ?= 1G
ACCEL   ?= tcg
APPEND  ?=
# Through the environment, so that quotes in it reach the kernel intact.
export APPEND
# INITRD ?= build/initramfs.cpio (user/Makefile.inc): the archive `make run` boots
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

CROSS   ?= i686-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
NASM    := nasm
PYTHON  := python3

ARCH    := arch/x86
SRCDIRS := $(ARCH) init kernel mm fs ipc lib drivers

CFLAGS  := -std=gnu11 -O2 -g -march=i686 -m32 \
           -ffreestanding -fno-pie -fno-pic -fno-stack-protector -nostdlib \
           -fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
           -fno-tree-loop-distribute-patterns \
           -mgeneral-regs-only -mno-red-zone \
           -Wall -Wextra -Werror -Wno-unused-parameter \
           -Iinclude -I$(ARCH)/include -MMD -MP
NASMFLAGS := -f elf32 -g -F dwarf -I$(ARCH)/include/asm/
LDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments
LIBGCC  := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

C_SRCS   := $(sort $(shell find $(SRCDIRS) -name '*.c'))
ASM_SRCS := $(sort $(shell find $(SRCDIRS) -name '*.asm'))
# The AP trampoline is assembled flat and embedded; it is not linked directly.
ASM_SRCS := $(filter-out $(ARCH)/boot/trampoline.asm,$(ASM_SRCS))
# The AP trampoline runs in real mode at a fixed low address, so it is
# assembled flat and wrapped by a generated object (incbin) whose
# .trampoline section kernel.ld places between __trampoline_start/_end.
TRAMPOLINE     := $(O)/$(ARCH)/boot/trampoline.bin
TRAMPOLINE_OBJ := $(O)/$(ARCH)/boot/trampoline_blob.o
OBJS     := $(C_SRCS:%.c=$(O)/%.o) $(ASM_SRCS:%.asm=$(O)/%.o) $(TRAMPOLINE_OBJ)
DEPS     := $(OBJS:.o=.d) $(TRAMPOLINE:.bin=.bin.d)

KERNEL   := $(O)/kernel.elf
LDSCRIPT := $(ARCH)/kernel.ld

.PHONY: all run test soak bench bench-linux gdb clean deps compile_commands.json \
	user initramfs linux-initramfs
all: $(KERNEL)

deps:
	@bash scripts/install-deps.sh

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@
	@$(if $(Q),echo "  CC      $<")

$(O)/%.o: %.asm
	@mkdir -p $(dir $@)
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@
	@$(if $(Q),echo "  AS      $<")

$(TRAMPOLINE): $(ARCH)/boot/trampoline.asm
	@mkdir -p $(dir $@)
	$(Q)$(NASM) -f bin -I$(ARCH)/include/asm/ -MD $(@:.bin=.bin.d) -MP $< -o $@
	@$(if $(Q),echo "  AS      $< (flat)")

$(TRAMPOLINE_OBJ): $(TRAMPOLINE)
	@printf 'section .trampoline progbits alloc noexec nowrite align=16\nincbin "%s"\n' \
		$< > $(@:.o=.asm)
	$(Q)$(NASM) -f elf32 $(@:.o=.asm) -o $@

# The symbol table for backtraces comes from the kernel image itself. Pass 1
# links with an empty table; its text symbols feed scripts/kallsyms.py, and
# pass 2 links the real table. .kallsyms sits after .text in the linker
# script, so no text address moves between the passes (checked below).
$(O)/kallsyms0.o: scripts/kallsyms.py
	@mkdir -p $(O)
	@$(PYTHON) scripts/kallsyms.py --empty > $(O)/kallsyms0.c
	$(Q)$(CC) $(CFLAGS) -c $(O)/kallsyms0.c -o $@

$(O)/kernel.pass1: $(OBJS) $(O)/kallsyms0.o $(LDSCRIPT)
	$(Q)$(LD) $(LDFLAGS) -T $(LDSCRIPT) -o $@ $(OBJS) $(O)/kallsyms0.o $(LIBGCC)

$(O)/kallsyms.o: $(O)/kernel.pass1 scripts/kallsyms.py
	@$(NM) -n $< | $(PYTHON) scripts/kallsyms.py > $(O)/kallsyms.c
	$(Q)$(CC) $(CFLAGS) -c $(O)/kallsyms.c -o $@

$(KERNEL): $(O)/kallsyms.o
	$(Q)$(LD) $(LDFLAGS) -T $(LDSCRIPT) -o $@.tmp $(OBJS) $(O)/kallsyms.o $(LIBGCC)
	@$(NM) -n $(O)/kernel.pass1 | grep -i ' t ' > $(O)/syms.1
	@$(NM) -n $@.tmp | grep -i ' t ' > $(O)/syms.2
	@cmp -s $(O)/syms.1 $(O)/syms.2 || \
		{ echo "kallsyms: text moved between link passes" >&2; exit 1; }
	@mv $@.tmp $@
	@echo "  LD      $@"

-include $(DEPS)
-include user/Makefile.inc

QEMU_ARGS = --smp $(SMP) --mem $(MEM) --accel $(ACCEL)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS)
	@bash scripts/run-qemu.sh $(QEMU_ARGS) --kernel $(KERNEL) $(RUN_INITRD) \
		--append "$$APPEND"

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS)
	@$(PYTHON) -m unittest discover -s scripts -p 'test_*.py'
	@$(PYTHON) scripts/ktest.py --kernel $(KERNEL) --accel $(ACCEL) $(TEST_ARGS)

soak: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS)
	@$(PYTHON) scripts/ktest.py --kernel $(KERNEL) --accel $(ACCEL) --soak $(TEST_ARGS)

bench: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS)
	@$(PYTHON) scripts/ktest.py --kernel $(KERNEL) --accel $(ACCEL) --bench $(TEST_ARGS)

# write_bench on kmapos (both kmap modes) and on Debian's Linux i386 686
# kernel in the same QEMU, interleaved: BENCH_LINUX_ARGS="--smp 1,2 --repeat 5"
bench-linux: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS) $(LINUX_INITRAMFS)
	@$(PYTHON) scripts/bench-linux.py --kernel $(KERNEL) $(BENCH_LINUX_ARGS)

gdb: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(RUN_DEPS)
	@bash scripts/run-qemu.sh $(QEMU_ARGS) --kernel $(KERNEL) $(RUN_INITRD) \
		--append "$$APPEND" --gdb

compile_commands.json:
	@$(PYTHON) scripts/compile-commands.py "$(CC)" "$(CFLAGS)" $(C_SRCS) > $@
	@echo "wrote $@"

clean:
	rm -rf $(O) compile_commands.json
