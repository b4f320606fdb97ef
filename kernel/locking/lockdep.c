// SPDX-License-Identifier: GPL-2.0
/*
 * The lock validator (see include/lockdep.h for what it checks).
 *
 * State: a table of lock classes, a table of dependencies (edges of a
 * directed graph between classes, each remembering where its two locks
 * were taken the first time it was seen), per-CPU stacks of held
 * spinlocks and per-task stacks of held sleeping locks.
 *
 * Cost: taking a lock looks up its class (cached in the lock), and for
 * each lock already held in the same context tests a hash set of known
 * edges without locking. Only a dependency or an interrupt usage never
 * seen before takes the graph lock and searches the graph, so after a
 * short warm-up the validator adds a few dozen instructions per lock.
 *
 * The graph only grows. When a table fills up the validator reports it
 * once and turns itself off rather than guess.
 */
#include <lockdep.h>
#include <spinlock.h>
#include <kernel.h>
#include <panic.h>
#include <percpu.h>
#include <smp.h>
#include <task.h>
#include <ktest.h>
#include <cmdline.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

#define MAX_CLASSES	1024
#define MAX_EDGES	8192
#define EDGE_HASH	16384		/* power of two, > 1.5 * MAX_EDGES */
#define CLASS_HASH	512
#define CPU_DEPTH	24

/* Usage bits of a class. */
#define USED_IN_IRQ	0x1		/* taken in a hard interrupt handler */
#define ENABLED_IRQ	0x2		/* taken with interrupts enabled */

struct lock_class {
	const void *key;		/* key, or the static lock */
	const char *name;
	unsigned long init_pc;
	int subclass;
	u8 kind;
	u8 usage;
	int usage_cpu[2];		/* CPU and site of the first use of */
	unsigned long usage_pc[2];	/* each usage bit */
	int hash_next;			/* index + 1 in the hash chain */
	int fwd, back;			/* first edge out / in, -1 if none */
	struct lock_class *sub[LOCKDEP_MAX_SUBCLASS];	/* cached */
	u32 seen;			/* search generation */
	int via;			/* edge the search arrived by */
};

struct lock_edge {
	u16 from, to;			/* class indices */
	int next_fwd, next_back;
	unsigned long from_pc, to_pc;	/* where each was taken */
	int cpu;
};

struct cpu_held {
	int depth;
	struct lockdep_held held[CPU_DEPTH];
};

static struct lock_class classes[MAX_CLASSES];
static int nr_classes;
static int class_hash[CLASS_HASH];	/* index + 1 of the first class */
static struct lock_edge edges[MAX_EDGES];
static int nr_edges;
static u32 edge_hash[EDGE_HASH];	/* (from + 1) << 16 | (to + 1) */
static u32 search_gen;
static int bfs_queue[MAX_CLASSES];
static volatile int graph_locked;
static DEFINE_PER_CPU(struct cpu_held, cpu_held);
/* This CPU is inside the validator: locks taken now are not validated. */
static DEFINE_PER_CPU(int, in_lockdep);

static int lockdep_param = -1;		/* -1: on exactly when tests run */
static bool lockdep_ready;		/* per-CPU areas exist */
static bool lockdep_off;		/* a table overflowed */

static int lockdep_setup(const char *val)
{
	lockdep_param = strcmp(val, "0") != 0;
	return 0;
}
__setup("lockdep", lockdep_setup);

bool lockdep_enabled(void)
{
	if (!READ_ONCE(lockdep_ready) || READ_ONCE(lockdep_off))
		return false;
	if (this_cpu_read(in_lockdep))
		return false;
	return lockdep_param < 0 ? ktest_mode : lockdep_param;
}

/*
 * Reports end in panic(), which may be caught by a test and never
 * return here: leave the validator as if the lock operation had not
 * started, so that the locks panic() takes are validated as usual.
 */
#define lockdep_panic(...)						\
	do {								\
		this_cpu_write(in_lockdep, 0);				\
		panic(__VA_ARGS__);					\
	} while (0)

/**
 * lockdep_init - start validating (after the per-CPU areas are set up)
 */
void lockdep_init(void)
{
	WRITE_ONCE(lockdep_ready, true);
}

/* The graph lock: a bare test-and-set, so it is not itself validated. */
static void graph_lock(void)
{
	while (__atomic_exchange_n(&graph_locked, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static void graph_unlock(void)
{
	__atomic_store_n(&graph_locked, 0, __ATOMIC_RELEASE);
}

static void overflow(const char *what)
{
	WRITE_ONCE(lockdep_off, true);
	graph_unlock();
	printk(KERN_ERR "lockdep: too many %s; validator turned off\n", what);
}

static bool in_kernel_image(const void *p)
{
	extern char _stext[], _end[];

	return (const char *)p >= _stext && (const char *)p < _end;
}

static const char *class_name(const struct lock_class *c)
{
	return c->name ? c->name : "(unnamed)";
}

/* Find or make the class of a lock; NULL after an overflow. */
static struct lock_class *register_class(struct lockdep_map *map,
					 const void *lock, const char *name,
					 enum lockdep_kind kind, int subclass)
{
	const void *key = map->key;
	unsigned int h;
	struct lock_class *c;
	int i;

	/* A statically initialised lock: a static one is its own class;
	 * one on the stack is keyed by its name, a string literal of its
	 * declaration. A zero-filled lock was never initialised. */
	if (!key)
		key = in_kernel_image(lock) ? lock : name;
	if (!key || !in_kernel_image(key))
		lockdep_panic("lockdep: lock %s (%p) used without being "
			      "initialised (spin_lock_init/mutex_init/"
			      "init_rwsem)", name ? name : "?", lock);
	key = (const char *)key + subclass;
	h = ((unsigned long)key >> 2) % CLASS_HASH;
	graph_lock();
	for (i = class_hash[h]; i; i = classes[i - 1].hash_next) {
		c = &classes[i - 1];
		if (c->key == key)
			goto out;
	}
	if (nr_classes == MAX_CLASSES) {
		overflow("lock classes");
		return NULL;
	}
	c = &classes[nr_classes++];
	c->key = key;
	c->name = name;
	c->init_pc = map->init_pc;
	c->subclass = subclass;
	c->kind = kind;
	c->fwd = c->back = -1;
	c->hash_next = class_hash[h];
	class_hash[h] = nr_classes;
out:
	graph_unlock();
	return c;
}

static struct lock_class *lock_class(struct lockdep_map *map,
				     const void *lock, const char *name,
				     enum lockdep_kind kind, int subclass)
{
	struct lock_class *c, *sub;

	c = READ_ONCE(map->class);
	if (!c) {
		c = register_class(map, lock, name, kind, 0);
		WRITE_ONCE(map->class, c);
	}
	if (!subclass || !c)
		return c;
	if (subclass >= LOCKDEP_MAX_SUBCLASS)
		lockdep_panic("lockdep: subclass %d of %s too large", subclass,
			      class_name(c));
	sub = READ_ONCE(c->sub[subclass]);
	if (!sub) {
		sub = register_class(map, lock, name, kind, subclass);
		WRITE_ONCE(c->sub[subclass], sub);
	}
	return sub;
}

static inline int class_idx(const struct lock_class *c)
{
	return c - classes;
}

static u32 edge_word(int from, int to)
{
	return (u32)(from + 1) << 16 | (u32)(to + 1);
}

/* Slot of the edge in edge_hash, or of the empty slot it would go in. */
static u32 *edge_slot(int from, int to)
{
	u32 word = edge_word(from, to), w;
	unsigned int h = (word * 2654435761u) & (EDGE_HASH - 1);

	for (;;) {
		w = READ_ONCE(edge_hash[h]);
		if (!w || w == word)
			return &edge_hash[h];
		h = (h + 1) & (EDGE_HASH - 1);
	}
}

/* ---- reports ----------------------------------------------------------- */

static void print_edge(const struct lock_edge *e)
{
	printk(KERN_EMERG "lockdep:   %s taken at %pS, then %s at %pS "
	       "(CPU %d)\n", class_name(&classes[e->from]),
	       (void *)e->from_pc, class_name(&classes[e->to]),
	       (void *)e->to_pc, e->cpu);
}

static void print_class(const char *what, const struct lock_class *c)
{
	printk(KERN_EMERG "lockdep:   %s %s: initialised at %pS\n", what,
	       class_name(c), (void *)c->init_pc);
}

/* ---- graph searches (graph lock held) ---------------------------------- */

/*
 * Breadth-first search from class `start`, forwards or backwards, for a
 * class `match` accepts. Returns its index or -1; each visited class's
 * `via` is the edge it was reached by (-1 for the start).
 */
static int graph_search(int start, bool forward,
			bool (*match)(int idx, const void *arg),
			const void *arg)
{
	int head = 0, tail = 0;

	search_gen++;
	classes[start].seen = search_gen;
	classes[start].via = -1;
	bfs_queue[tail++] = start;
	while (head < tail) {
		int c = bfs_queue[head++];
		int e;

		if (match(c, arg))
			return c;
		e = forward ? classes[c].fwd : classes[c].back;
		for (; e >= 0; e = forward ? edges[e].next_fwd :
					     edges[e].next_back) {
			int n = forward ? edges[e].to : edges[e].from;

			if (classes[n].seen == search_gen)
				continue;
			classes[n].seen = search_gen;
			classes[n].via = e;
			bfs_queue[tail++] = n;
		}
	}
	return -1;
}

static bool is_class(int idx, const void *arg)
{
	return idx == *(const int *)arg;
}

static bool has_usage(int idx, const void *arg)
{
	return classes[idx].usage & *(const u8 *)arg;
}

/* Print the path the last forward search took to `found`, start first. */
static void print_path(int found)
{
	int chain[64], n = 0;

	for (int c = found; classes[c].via >= 0 && n < 64;) {
		int e = classes[c].via;

		chain[n++] = e;
		c = edges[e].from;
	}
	while (n--)
		print_edge(&edges[chain[n]]);
}

/* ---- interrupt usage ---------------------------------------------------- */

static const char *const usage_what[2] = {
	"taken in an interrupt handler",
	"taken with interrupts enabled",
};

static __noreturn void irq_usage_report(int safe, int unsafe, bool direct,
					unsigned long pc)
{
	struct lock_class *s = &classes[safe], *u = &classes[unsafe];

	printk(KERN_EMERG "lockdep: interrupt-unsafe locking on CPU %d at "
	       "%pS\n", smp_processor_id(), (void *)pc);
	print_class("interrupt-safe", s);
	print_class("interrupt-unsafe", u);
	if (!direct) {
		printk(KERN_EMERG "lockdep:   held the first while taking the "
		       "second by:\n");
		graph_search(safe, true, is_class, &unsafe);
		print_path(unsafe);
	}
	graph_unlock();
	lockdep_panic("lockdep: %s %s, %s %s%s (at %pS, CPU %d; at %pS, "
		      "CPU %d)", class_name(s), usage_what[0], class_name(u),
		      usage_what[1], direct ? "" : ", the first held while "
		      "taking the second", (void *)s->usage_pc[0],
		      s->usage_cpu[0], (void *)u->usage_pc[1],
		      u->usage_cpu[1]);
}

/*
 * Mark class c with a usage bit (graph lock held) and check that no
 * interrupt-safe class is, or leads to, an interrupt-unsafe one.
 */
static void mark_usage(struct lock_class *c, u8 bit, unsigned long pc)
{
	int idx = class_idx(c), bi = bit == USED_IN_IRQ ? 0 : 1, found;
	u8 other = bit == USED_IN_IRQ ? ENABLED_IRQ : USED_IN_IRQ;

	c->usage |= bit;
	c->usage_pc[bi] = pc;
	c->usage_cpu[bi] = smp_processor_id();
	if (c->usage & other) {
		irq_usage_report(idx, idx, true, pc);
	}
	/* A safe class must not lead to an unsafe one, and vice versa. */
	found = graph_search(idx, bit == USED_IN_IRQ, has_usage, &other);
	if (found >= 0) {
		if (bit == USED_IN_IRQ)
			irq_usage_report(idx, found, false, pc);
		irq_usage_report(found, idx, false, pc);
	}
}

static void check_usage(struct lock_class *c, bool irqs_on, unsigned long pc)
{
	u8 bit;

	if (c->kind != LD_SPIN)
		return;
	if (in_irq())
		bit = USED_IN_IRQ;
	else if (irqs_on)
		bit = ENABLED_IRQ;
	else
		return;
	if (READ_ONCE(c->usage) & bit)
		return;
	graph_lock();
	if (!(c->usage & bit))
		mark_usage(c, bit, pc);
	graph_unlock();
}

/* ---- dependencies -------------------------------------------------------- */

static __noreturn void inversion_report(const struct lockdep_held *prev,
					struct lock_class *next,
					unsigned long pc)
{
	int from = class_idx(prev->class), to = class_idx(next);
	const struct lock_edge *e;

	printk(KERN_EMERG "lockdep: possible deadlock (lock order inversion) "
	       "on CPU %d:\n", smp_processor_id());
	printk(KERN_EMERG "lockdep:   taking %s at %pS while holding %s "
	       "(taken at %pS)\n", class_name(next), (void *)pc,
	       class_name(prev->class), (void *)prev->pc);
	print_class("held", prev->class);
	print_class("wanted", next);
	if (from != to) {
		printk(KERN_EMERG "lockdep:   but the opposite order was "
		       "seen:\n");
		print_path(from);
	}
	/* Name the first edge of that path, the one out of `next`. */
	e = NULL;
	for (int c = from; from != to && classes[c].via >= 0;
	     c = edges[classes[c].via].from)
		e = &edges[classes[c].via];
	graph_unlock();
	if (from == to || !e)
		lockdep_panic("lockdep: recursive locking of class %s on CPU %d: taking "
		      "it at %pS while holding one taken at %pS",
		      class_name(next), smp_processor_id(), (void *)pc,
		      (void *)prev->pc);
	lockdep_panic("lockdep: lock order inversion on CPU %d: %s then %s, "
		      "but %s then %s (at %pS, %pS; before at %pS, %pS on "
		      "CPU %d)", smp_processor_id(), class_name(prev->class),
		      class_name(next), class_name(&classes[e->from]),
		      class_name(&classes[e->to]), (void *)prev->pc,
		      (void *)pc, (void *)e->from_pc, (void *)e->to_pc,
		      e->cpu);
}

/* Does the new dependency connect interrupt-safe to interrupt-unsafe? */
static void check_edge_usage(int from, int to, unsigned long pc)
{
	u8 safe = USED_IN_IRQ, unsafe = ENABLED_IRQ;
	int s, u;

	s = graph_search(from, false, has_usage, &safe);
	if (s < 0)
		return;
	u = graph_search(to, true, has_usage, &unsafe);
	if (u < 0)
		return;
	irq_usage_report(s, u, false, pc);
}

/* Record prev -> next if it is new (a few loads when it is not). */
static void add_dependency(const struct lockdep_held *prev,
			   struct lock_class *next, unsigned long pc)
{
	int from = class_idx(prev->class), to = class_idx(next);
	u32 *slot;
	struct lock_edge *e;

	if (READ_ONCE(*edge_slot(from, to)) == edge_word(from, to))
		return;
	graph_lock();
	slot = edge_slot(from, to);
	if (*slot) {		/* another CPU added it meanwhile */
		graph_unlock();
		return;
	}
	/* Does `next` already lead to `prev`? Then this closes a cycle. */
	if (from == to || graph_search(to, true, is_class, &from) >= 0) {
		if (from != to)
			graph_search(to, true, is_class, &from);
		inversion_report(prev, next, pc);
	}
	if (nr_edges == MAX_EDGES) {
		overflow("lock dependencies");
		return;
	}
	e = &edges[nr_edges];
	e->from = from;
	e->to = to;
	e->from_pc = prev->pc;
	e->to_pc = pc;
	e->cpu = smp_processor_id();
	e->next_fwd = classes[from].fwd;
	e->next_back = classes[to].back;
	classes[from].fwd = nr_edges;
	classes[to].back = nr_edges;
	nr_edges++;
	check_edge_usage(from, to, pc);
	WRITE_ONCE(*slot, edge_word(from, to));
	graph_unlock();
}

/* ---- held-lock stacks ------------------------------------------------------ */

static struct lockdep_held *stack_of(enum lockdep_kind kind, int **depth,
				     int *max)
{
	if (kind == LD_SPIN) {
		struct cpu_held *h = this_cpu_ptr(&cpu_held);

		*depth = &h->depth;
		*max = CPU_DEPTH;
		return h->held;
	}
	if (!current)
		return NULL;
	*depth = &current->lockdep.depth;
	*max = LOCKDEP_TASK_DEPTH;
	return current->lockdep.held;
}

static __noreturn void sleep_report(const struct lockdep_held *h,
				    const char *what, unsigned long pc)
{
	lockdep_panic("lockdep: %s at %pS on CPU %d while holding spinlock %s "
	      "(taken at %pS; initialised at %pS)", what, (void *)pc,
	      smp_processor_id(), class_name(h->class), (void *)h->pc,
	      (void *)h->class->init_pc);
}

void lockdep_might_sleep(const char *what, unsigned long pc)
{
	struct cpu_held *h;

	if (!lockdep_enabled())
		return;
	h = this_cpu_ptr(&cpu_held);
	if (h->depth)
		sleep_report(&h->held[h->depth - 1], what, pc);
}

int lockdep_spin_depth(void)
{
	if (!lockdep_enabled())
		return 0;
	return this_cpu_ptr(&cpu_held)->depth;
}

void lock_acquire(struct lockdep_map *map, const void *lock,
		  const char *name, enum lockdep_kind kind, int subclass,
		  bool trylock, unsigned long pc)
{
	struct lockdep_held *held, *top;
	struct lock_class *c;
	unsigned long flags;
	bool irqs_on = !irqs_disabled();
	int *depth, max;
	u8 irq_ctx;

	if (!lockdep_enabled())
		return;
	if (kind != LD_SPIN && !trylock)
		lockdep_might_sleep(kind == LD_MUTEX ? "mutex_lock" : "down",
				    pc);
	local_irq_save(flags);
	this_cpu_write(in_lockdep, 1);
	c = lock_class(map, lock, name, kind, subclass);
	held = stack_of(kind, &depth, &max);
	if (!c || !held)
		goto out;
	irq_ctx = hardirq_depth();
	check_usage(c, irqs_on, pc);
	if (!trylock) {
		for (int i = *depth - 1; i >= 0; i--) {
			if (held[i].irq_ctx != irq_ctx)
				continue;
			add_dependency(&held[i], c, pc);
		}
	}
	if (*depth == max) {
		printk(KERN_ERR "lockdep: more than %d locks held at %pS; "
		       "validator turned off\n", max, (void *)pc);
		WRITE_ONCE(lockdep_off, true);
		goto out;
	}
	top = &held[(*depth)++];
	top->class = c;
	top->lock = lock;
	top->pc = pc;
	top->irq_ctx = irq_ctx;
	top->trylock = trylock;
out:
	this_cpu_write(in_lockdep, 0);
	local_irq_restore(flags);
}

void lock_release(struct lockdep_map *map, const void *lock,
		  enum lockdep_kind kind)
{
	struct lockdep_held *held;
	unsigned long flags;
	int *depth, max;

	if (!lockdep_enabled())
		return;
	local_irq_save(flags);
	held = stack_of(kind, &depth, &max);
	if (!held)
		goto out;
	/* Usually the top; a lock taken before the validator started is
	 * not there at all. */
	for (int i = *depth - 1; i >= 0; i--) {
		if (held[i].lock != lock)
			continue;
		memmove(&held[i], &held[i + 1],
			(*depth - i - 1) * sizeof(*held));
		(*depth)--;
		break;
	}
out:
	local_irq_restore(flags);
}
