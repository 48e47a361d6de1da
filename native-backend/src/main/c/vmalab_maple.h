/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmalab_maple.h: flat C API over the Linux kernel maple tree
 * (lib/maple_tree.c built with the kernel's own userspace harness,
 * tools/testing/radix-tree + tools/testing/shared + liburcu).
 *
 * Every function is a plain call with scalar or pointer arguments so that
 * Java's FFM linker can bind it without layouts. Names mirror the kernel's:
 * vml_mas_walk is mas_walk, vml_store is mtree_store_range, and so on.
 *
 * Threads (liburcu needs every reader and writer registered):
 * vml_rcu_read_lock() does NOT register the calling thread, so that it can
 * be bound as a "critical" FFM call that never blocks; it returns -1,
 * without entering a read-side section, on a thread not yet registered, and
 * the caller registers (vml_rcu_register_thread) and tries again. All the
 * other entry points that need it register the calling thread themselves.
 * A registered thread is unregistered when it exits (pthread key
 * destructor). Never call vml_synchronize_rcu() or vml_rcu_barrier() inside
 * a read-side section.
 */
#ifndef VMALAB_MAPLE_H
#define VMALAB_MAPLE_H

#include <stddef.h>
#include <stdint.h>

struct maple_tree;
struct ma_state;

/* The library is built with -fvisibility=hidden: only these names are exported. */
#define VML_API __attribute__((visibility("default")))

/* Build description, e.g. "vmalab-maple 1 variant=resume-active flavour=asan". */
VML_API const char *vml_build_info(void);

/* Tree: mt_init_flags(MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU), like mm->mm_mt
 * (but with the tree's own lock instead of MT_FLAGS_LOCK_EXTERN). */
VML_API struct maple_tree *vml_tree_new(void);
/* mtree_destroy (nodes go through call_rcu) then free of the tree struct. */
VML_API void vml_tree_destroy(struct maple_tree *mt);
/* mtree_store_range(mt, first, last, entry, GFP_KERNEL): 0 or -errno. */
VML_API int vml_store(struct maple_tree *mt, uint64_t first, uint64_t last, uintptr_t entry);
/* mtree_erase: the erased entry or 0. */
VML_API uintptr_t vml_erase(struct maple_tree *mt, uint64_t index);
/* mtree_load (takes the RCU read lock itself): the entry or 0. */
VML_API uintptr_t vml_load(struct maple_tree *mt, uint64_t index);

/* The tree's nodes in pre-order, four words each: depth << 1 | is_leaf, data
 * end, min, max (under the tree lock). Fills out while it fits cap words and
 * returns the words needed; 0 when the root is not a node. */
VML_API long vml_tree_shape(struct maple_tree *mt, uint64_t *out, long cap);

/* Maple state: a heap MA_STATE(mas, mt, index, index). */
VML_API struct ma_state *vml_mas_new(struct maple_tree *mt, uint64_t index);
VML_API void vml_mas_free(struct ma_state *mas);
VML_API void vml_mas_set(struct ma_state *mas, uint64_t index);   /* mas_set */
VML_API void vml_mas_reset(struct ma_state *mas);                 /* mas_reset */
VML_API void vml_mas_pause(struct ma_state *mas);                 /* mas_pause */
VML_API uintptr_t vml_mas_walk(struct ma_state *mas);             /* mas_walk */
VML_API uintptr_t vml_mas_find(struct ma_state *mas, uint64_t max); /* mas_find */
VML_API uint64_t vml_mas_index(const struct ma_state *mas);
VML_API uint64_t vml_mas_last(const struct ma_state *mas);
VML_API int vml_mas_status(const struct ma_state *mas);           /* enum maple_status */
VML_API uintptr_t vml_mas_node(const struct ma_state *mas);       /* encoded maple_enode */
/* mas_set_range(mas, first, last). */
VML_API void vml_mas_set_range(struct ma_state *mas, uint64_t first, uint64_t last);
/*
 * A state in memory the caller owns (e.g. a Java segment), so that a state
 * per lookup costs no malloc/free pair: MA_STATE(mas, mt, first, last) into
 * *mas. vml_mas_layout fills out[0..4] with sizeof(struct ma_state) and the
 * offsets of index, last, node and status, so the caller can read those
 * fields without a call (the layout is the kernel's, not ours).
 */
VML_API void vml_mas_init(struct ma_state *mas, struct maple_tree *mt, uint64_t first, uint64_t last);
VML_API void vml_mas_layout(uint64_t out[5]);

/* RCU (liburcu, default "memb" flavour). */
VML_API void vml_rcu_register_thread(void);
VML_API void vml_rcu_unregister_thread(void);
VML_API int vml_rcu_read_lock(void);        /* 0, or -1: thread not registered */
VML_API void vml_rcu_read_unlock(void);
VML_API void vml_synchronize_rcu(void);
VML_API void vml_rcu_barrier(void);

/*
 * The kernel code's call_rcu() queues its callbacks (the frees of replaced
 * nodes) on the calling thread. After a store or erase on a tree in lab mode
 * they stay there until vml_rcu_take_deferred() returns them as one batch
 * (0: none), which vml_rcu_run_deferred() runs (frees the nodes; returns how
 * many callbacks ran) when the caller's own grace period has ended, on the
 * caller's thread. Any other tree (the default) hands them to liburcu's
 * call_rcu. vml_tree_destroy always hands them to liburcu.
 */
VML_API void vml_tree_set_lab_frees(struct maple_tree *mt, int on);
VML_API uintptr_t vml_rcu_take_deferred(void);
VML_API long vml_rcu_run_deferred(uintptr_t batch);

/* Nodes allocated and not yet freed (the harness's nr_allocated). */
VML_API int vml_nodes_allocated(void);

/*
 * Sanitizer reports. In the ASan flavour the library registers
 * __asan_set_error_report_callback at load time; each report's text is
 * queued here (run with ASAN_OPTIONS=halt_on_error=0 so the process goes on).
 * vml_asan_enabled: 1 in the ASan flavour. vml_asan_report_count: reports
 * seen since load. vml_asan_take_report: copies the oldest queued report
 * into buf (NUL-terminated, truncated to cap) and drops it; returns its full
 * length, or -1 when none is queued.
 */
VML_API int vml_asan_enabled(void);
VML_API long vml_asan_report_count(void);
VML_API long vml_asan_take_report(char *buf, size_t cap);
/*
 * Per thread: vml_asan_thread_report_count is the number of reports raised
 * on the calling thread since load (a thread-local read: cheap enough to
 * call after every walk). vml_asan_take_thread_report copies the first
 * report raised on this thread since its last take (like take_report) and
 * forgets it; -1 when none. One bad walk raises several reports, one per
 * faulting load; this keeps the first, the one that names the walk.
 */
VML_API long vml_asan_thread_report_count(void);
VML_API long vml_asan_take_thread_report(char *buf, size_t cap);

/* Strategy API (issue 14): mas_next, mas_prev, and mte_dead_node(mas->node)
 * (1 dead, 0 alive or no node cached). */
VML_API uintptr_t vml_mas_next(struct ma_state *mas, uint64_t max);
VML_API uintptr_t vml_mas_prev(struct ma_state *mas, uint64_t min);
VML_API long vml_mas_dead_node(const struct ma_state *mas);

#endif /* VMALAB_MAPLE_H */
