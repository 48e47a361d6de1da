// SPDX-License-Identifier: GPL-2.0
/*
 * vmalab_maple.c: the kernel's lib/maple_tree.c, compiled in userspace with
 * the kernel's own test harness shims, behind the flat API of vmalab_maple.h.
 *
 * This file includes GPL-2.0 kernel sources (lib/maple_tree.c and the
 * tools/ headers), so it and the library built from it are GPL-2.0; see
 * LICENSE in this folder. No kernel source is kept in this repository: the
 * build (dev.vmalab.nativebackend.NativeBuild) extracts it from a kernel
 * source tree and compiles this file against it.
 *
 * Compiled as one translation unit, like tools/testing/shared/maple-shim.c:
 * -I <kernel>/tools/testing/shared -I <kernel>/tools/include
 * -I <variant dir> -I <kernel>/lib, where the variant dir holds the
 * (possibly edited) maple_tree.c that is included below.
 */
#include "shared.h"
#include <stdlib.h>
#include <pthread.h>
#include <urcu/uatomic.h>
#include <linux/init.h>

/*
 * The kernel code's call_rcu() (ma_free_rcu(), mt_destroy_walk()) goes to
 * vml_call_rcu(), which only queues the callback on the calling thread; see
 * "call_rcu under the lab's control" below. liburcu's own call_rcu stays
 * reachable as vml_liburcu_call_rcu().
 */
static inline void vml_liburcu_call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *))
{
	call_rcu(head, func);
}
static void vml_call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *));
#undef call_rcu
#define call_rcu vml_call_rcu

#include "maple_tree.c"

#include "vmalab_maple.h"

#ifndef VML_VARIANT
#define VML_VARIANT "unknown"
#endif
#ifndef VML_FLAVOUR
#define VML_FLAVOUR "unknown"
#endif

/* The harness's slab shim (tools/testing/shared/linux.c) counts nodes. */
extern int nr_allocated;

/* ---- per-thread liburcu registration ---------------------------------- */

/*
 * liburcu's own per-thread flag (the LGPL static API, urcu/static/urcu-common.h),
 * not one of ours, so that two variant libraries loaded in one process
 * (sharing one liburcu) never register a thread twice.
 */
static inline int vml_is_registered(void)
{
	return URCU_TLS(rcu_reader).registered;
}

static pthread_key_t vml_thread_key;

static void vml_thread_exit(void *unused)
{
	(void)unused;
	if (vml_is_registered())
		rcu_unregister_thread();
}

static inline void vml_self_register(void)
{
	if (__builtin_expect(!vml_is_registered(), 0)) {
		rcu_register_thread();
		/* Any non-NULL value makes the destructor run at thread exit. */
		pthread_setspecific(vml_thread_key, (void *)1);
	}
}

void vml_rcu_register_thread(void)
{
	vml_self_register();
}

void vml_rcu_unregister_thread(void)
{
	if (vml_is_registered()) {
		rcu_unregister_thread();
		pthread_setspecific(vml_thread_key, NULL);
	}
}

int vml_rcu_read_lock(void)
{
	if (__builtin_expect(!vml_is_registered(), 0))
		return -1;
	rcu_read_lock();
	return 0;
}

void vml_rcu_read_unlock(void)
{
	rcu_read_unlock();
}

void vml_synchronize_rcu(void)
{
	vml_self_register();
	synchronize_rcu();
}

void vml_rcu_barrier(void)
{
	vml_self_register();
	rcu_barrier();
}

/* ---- call_rcu under the lab's control ----------------------------------- */

/*
 * kernel/rcu/tree.c's call_rcu() queues a callback that runs after a grace
 * period. Here the kernel code's callbacks (mt_free_rcu(), mt_free_walk()) are
 * queued on the calling thread, chained through their own rcu_head as call_rcu
 * chains them, until the write that queued them ends:
 * - a tree in lab mode (vml_tree_set_lab_frees) leaves them for the caller to
 *   take as one batch (vml_rcu_take_deferred) and run when its own grace
 *   period ends (vml_rcu_run_deferred): the lab decides when the nodes are
 *   freed, on its own thread;
 * - any other tree hands them to liburcu's call_rcu as one batch, freed on
 *   liburcu's call_rcu thread after a liburcu grace period (as before).
 */
struct vml_batch {
	struct rcu_head rcu;       /* for liburcu's call_rcu */
	struct rcu_head *first;    /* the queued callbacks, oldest first */
	long len;
};

static __thread struct rcu_head *vml_pending_first, *vml_pending_last;
static __thread long vml_pending_len;

static void vml_call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *))
{
	head->func = func;
	head->next.next = NULL;
	if (vml_pending_last)
		vml_pending_last->next.next = &head->next;
	else
		vml_pending_first = head;
	vml_pending_last = head;
	vml_pending_len++;
}

static struct vml_batch *vml_take_pending(void)
{
	struct vml_batch *b;

	if (!vml_pending_first)
		return NULL;
	b = malloc(sizeof(*b));
	if (!b)
		abort(); /* nodes would leak or be freed under a reader: neither is recoverable */
	b->first = vml_pending_first;
	b->len = vml_pending_len;
	vml_pending_first = vml_pending_last = NULL;
	vml_pending_len = 0;
	return b;
}

/* Runs and frees a batch; each callback frees the node its rcu_head is in, so read next first. */
static long vml_run_batch(struct vml_batch *b)
{
	struct rcu_head *head = b->first, *next;
	long len = b->len;

	for (; head; head = next) {
		next = head->next.next ? caa_container_of(head->next.next, struct rcu_head, next) : NULL;
		head->func(head);
	}
	free(b);
	return len;
}

static void vml_batch_rcu(struct rcu_head *rcu)
{
	vml_run_batch(caa_container_of(rcu, struct vml_batch, rcu));
}

/* This thread's queued callbacks to liburcu (after a liburcu grace period, on its thread). */
static void vml_pending_to_liburcu(void)
{
	struct vml_batch *b = vml_take_pending();

	if (b)
		vml_liburcu_call_rcu(&b->rcu, vml_batch_rcu);
}

uintptr_t vml_rcu_take_deferred(void)
{
	return (uintptr_t)vml_take_pending();
}

long vml_rcu_run_deferred(uintptr_t batch)
{
	return batch ? vml_run_batch((struct vml_batch *)batch) : 0;
}

/* ---- sanitizer reports --------------------------------------------------- */

#define VML_MAX_QUEUED_REPORTS 64

static pthread_mutex_t vml_report_lock = PTHREAD_MUTEX_INITIALIZER;
static char *vml_reports[VML_MAX_QUEUED_REPORTS];
static int vml_report_head, vml_report_len;
static long vml_report_total;
/* The calling thread's report count and first untaken report (see the header). */
static __thread long vml_thread_report_total;
static __thread char *vml_thread_first_report;

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>

/*
 * Called by ASan with the whole report text once it has been printed. With
 * ASAN_OPTIONS=halt_on_error=0 and -fsanitize-recover=address the faulting
 * access then completes and the program goes on (a bad read returns whatever
 * the freed memory holds). The copy goes through ASan's malloc; tried for
 * reports raised by instrumented loads in the maple tree code, not for one
 * raised inside malloc or free (e.g. a double free). One bad walk
 * usually gives several reports (one per faulting load instruction); the
 * first is the one that matters.
 */
static void vml_asan_callback(const char *report)
{
	char *copy = strdup(report);

	/* ASan calls back on the thread that made the bad access. */
	vml_thread_report_total++;
	if (!vml_thread_first_report)
		vml_thread_first_report = strdup(report);

	pthread_mutex_lock(&vml_report_lock);
	vml_report_total++;
	if (vml_report_len == VML_MAX_QUEUED_REPORTS) {
		/* Full: drop the oldest. */
		free(vml_reports[vml_report_head]);
		vml_report_head = (vml_report_head + 1) % VML_MAX_QUEUED_REPORTS;
		vml_report_len--;
	}
	vml_reports[(vml_report_head + vml_report_len) % VML_MAX_QUEUED_REPORTS] = copy;
	vml_report_len++;
	pthread_mutex_unlock(&vml_report_lock);
}
#endif

int vml_asan_enabled(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return 1;
#else
	return 0;
#endif
}

long vml_asan_report_count(void)
{
	long n;

	pthread_mutex_lock(&vml_report_lock);
	n = vml_report_total;
	pthread_mutex_unlock(&vml_report_lock);
	return n;
}

/* Copies r into buf (NUL-terminated, truncated to cap), frees r, returns its length. */
static long vml_copy_out(char *r, char *buf, size_t cap)
{
	size_t len = r ? strlen(r) : 0;

	if (buf && cap) {
		size_t n = len < cap - 1 ? len : cap - 1;

		memcpy(buf, r ? r : "", n);
		buf[n] = '\0';
	}
	free(r);
	return (long)len;
}

long vml_asan_thread_report_count(void)
{
	return vml_thread_report_total;
}

long vml_asan_take_thread_report(char *buf, size_t cap)
{
	char *r = vml_thread_first_report;

	if (!r)
		return -1;
	vml_thread_first_report = NULL;
	return vml_copy_out(r, buf, cap);
}

long vml_asan_take_report(char *buf, size_t cap)
{
	char *r;

	pthread_mutex_lock(&vml_report_lock);
	if (!vml_report_len) {
		pthread_mutex_unlock(&vml_report_lock);
		return -1;
	}
	r = vml_reports[vml_report_head];
	vml_reports[vml_report_head] = NULL;
	vml_report_head = (vml_report_head + 1) % VML_MAX_QUEUED_REPORTS;
	vml_report_len--;
	pthread_mutex_unlock(&vml_report_lock);
	return vml_copy_out(r, buf, cap);
}

/* ---- library set-up ------------------------------------------------------ */

__attribute__((constructor)) static void vml_library_init(void)
{
	pthread_key_create(&vml_thread_key, vml_thread_exit);
	maple_tree_init();
#if defined(__SANITIZE_ADDRESS__)
	__asan_set_error_report_callback(vml_asan_callback);
#endif
}

const char *vml_build_info(void)
{
	return "vmalab-maple 1 variant=" VML_VARIANT " flavour=" VML_FLAVOUR;
}

int vml_nodes_allocated(void)
{
	return uatomic_read(&nr_allocated);
}

/* ---- tree ---------------------------------------------------------------- */

/* A tree and whether its writes leave their frees to the lab (vml_rcu_take_deferred). */
struct vml_tree {
	struct maple_tree mt;
	int lab_frees;
};

static inline struct vml_tree *vml_tree_of(struct maple_tree *mt)
{
	return caa_container_of(mt, struct vml_tree, mt);
}

/* After a write: the frees it queued go to liburcu unless the tree leaves them to the lab. */
static void vml_after_write(struct maple_tree *mt)
{
	if (!vml_tree_of(mt)->lab_frees)
		vml_pending_to_liburcu();
}

struct maple_tree *vml_tree_new(void)
{
	struct vml_tree *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	mt_init_flags(&t->mt, MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU);
	return &t->mt;
}

void vml_tree_set_lab_frees(struct maple_tree *mt, int on)
{
	vml_tree_of(mt)->lab_frees = on;
}

void vml_tree_destroy(struct maple_tree *mt)
{
	if (!mt)
		return;
	vml_self_register();
	mtree_destroy(mt);
	/* The nodes go to liburcu's call_rcu, lab mode or not: no lab frees a destroyed tree. */
	vml_pending_to_liburcu();
	free(vml_tree_of(mt));
}

int vml_store(struct maple_tree *mt, uint64_t first, uint64_t last, uintptr_t entry)
{
	int ret;

	vml_self_register();
	ret = mtree_store_range(mt, first, last, (void *)entry, GFP_KERNEL);
	vml_after_write(mt);
	return ret;
}

uintptr_t vml_erase(struct maple_tree *mt, uint64_t index)
{
	uintptr_t ret;

	vml_self_register();
	ret = (uintptr_t)mtree_erase(mt, index);
	vml_after_write(mt);
	return ret;
}

uintptr_t vml_load(struct maple_tree *mt, uint64_t index)
{
	vml_self_register();
	return (uintptr_t)mtree_load(mt, index);
}

/* ---- node shapes (for the differential test) ---------------------------- */

/*
 * Pre-order over the nodes under enode, which covers [min, max]: four words a
 * node (depth << 1 | is_leaf, data end, min, max) into out while they fit.
 * Returns the number of words the whole subtree needs.
 */
static long vml_shape_node(struct maple_tree *mt, struct maple_enode *enode, unsigned long min,
			   unsigned long max, uint64_t depth, uint64_t *out, long at, long cap)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	unsigned long *pivots = ma_pivots(node, type);
	unsigned char end = ma_data_end(node, type, pivots, max);
	void __rcu **slots;
	unsigned long cmin = min, cmax;
	int i;

	if (at + 4 <= cap) {
		out[at] = depth << 1 | (ma_is_leaf(type) ? 1 : 0);
		out[at + 1] = end;
		out[at + 2] = min;
		out[at + 3] = max;
	}
	at += 4;
	if (ma_is_leaf(type))
		return at;
	slots = ma_slots(node, type);
	for (i = 0; i <= end; i++) {
		cmax = i < end ? pivots[i] : max;
		at = vml_shape_node(mt, mt_slot_locked(mt, slots, i), cmin, cmax, depth + 1, out, at, cap);
		cmin = cmax + 1;
	}
	return at;
}

long vml_tree_shape(struct maple_tree *mt, uint64_t *out, long cap)
{
	void *root;
	long words = 0;

	vml_self_register();
	mtree_lock(mt);
	root = mt_root_locked(mt);
	if (xa_is_node(root))
		words = vml_shape_node(mt, mte_safe_root(root), 0, ULONG_MAX, 0, out, 0, cap);
	mtree_unlock(mt);
	return words;
}

/* ---- maple state --------------------------------------------------------- */

struct ma_state *vml_mas_new(struct maple_tree *mt, uint64_t index)
{
	MA_STATE(init, mt, index, index);
	struct ma_state *mas = malloc(sizeof(*mas));

	if (mas)
		*mas = init;
	return mas;
}

void vml_mas_free(struct ma_state *mas)
{
	free(mas);
}

void vml_mas_init(struct ma_state *mas, struct maple_tree *mt, uint64_t first, uint64_t last)
{
	MA_STATE(init, mt, first, last);

	*mas = init;
}

void vml_mas_layout(uint64_t out[5])
{
	out[0] = sizeof(struct ma_state);
	out[1] = offsetof(struct ma_state, index);
	out[2] = offsetof(struct ma_state, last);
	out[3] = offsetof(struct ma_state, node);
	out[4] = offsetof(struct ma_state, status);
}

void vml_mas_set_range(struct ma_state *mas, uint64_t first, uint64_t last)
{
	mas_set_range(mas, first, last);
}

void vml_mas_set(struct ma_state *mas, uint64_t index)
{
	mas_set(mas, index);
}

void vml_mas_reset(struct ma_state *mas)
{
	mas_reset(mas);
}

void vml_mas_pause(struct ma_state *mas)
{
	mas_pause(mas);
}

uintptr_t vml_mas_walk(struct ma_state *mas)
{
	return (uintptr_t)mas_walk(mas);
}

uintptr_t vml_mas_find(struct ma_state *mas, uint64_t max)
{
	return (uintptr_t)mas_find(mas, max);
}

uint64_t vml_mas_index(const struct ma_state *mas)
{
	return mas->index;
}

uint64_t vml_mas_last(const struct ma_state *mas)
{
	return mas->last;
}

int vml_mas_status(const struct ma_state *mas)
{
	return (int)mas->status;
}

uintptr_t vml_mas_node(const struct ma_state *mas)
{
	return (uintptr_t)mas->node;
}

/* ---- strategy API: more maple state operations (issue 14, point 5) ------ */

uintptr_t vml_mas_next(struct ma_state *mas, uint64_t max)
{
	return (uintptr_t)mas_next(mas, max);
}

uintptr_t vml_mas_prev(struct ma_state *mas, uint64_t min)
{
	return (uintptr_t)mas_prev(mas, min);
}

/*
 * mte_dead_node(mas->node): reads the cached node's parent pointer (under ASan
 * a read of a freed node is reported like any other). 0 when the state holds
 * no node (NULL, an error, or a root pointer).
 */
long vml_mas_dead_node(const struct ma_state *mas)
{
	if (!mas->node || mas->status == ma_error || mas->status == ma_root)
		return 0;
	return mte_dead_node(mas->node) ? 1 : 0;
}
