// SPDX-License-Identifier: GPL-2.0
/*
 * vmalab_walk_timing.c: the kernel's maple walk (lib/maple_tree.c, built as
 * libvmalab_maple-resume-active-o2.so by the native backend), timed in C.
 * (vmalab calibrate; built with gcc at run time against that library.)
 *
 * usage: vmalab_walk_timing VMAS ITERATIONS ROUNDS
 *
 * Builds a tree shaped like an mm's mm_mt (MT_FLAGS_ALLOC_RANGE |
 * MT_FLAGS_USE_RCU): VMAS ranges of 2 pages with a 1-page gap between them.
 * Per round, inside one rcu_read_lock() section, it times ITERATIONS walks of
 * each kind (ns/walk = elapsed / ITERATIONS):
 *   set     mas_set(mas, addr) + mas_walk(), addr cycling over all VMAs:
 *           the merged fix's retry, a walk from the root to a leaf.
 *   reset   mas_reset(mas) + mas_walk() at one address: the vma_iter_reset()
 *           retry, also from the root (the index is kept).
 *   resumed mas_walk() again on the active state: resumes at the cached leaf
 *           (mtree_range_walk from mas->node), one node read.
 * Output: "height H", then per round "KIND ROUND NS_TOTAL ITERATIONS", "done".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "vmalab_maple.h"

#define PAGE 4096ull
#define ENTRY(i) (0x1000ull + ((uint64_t)(i) << 3)) /* MapleEntry.of(i): looks like a VMA pointer */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static volatile uintptr_t sink;

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: vmalab_walk_timing VMAS ITERATIONS ROUNDS\n");
		return 2;
	}
	long vmas = atol(argv[1]), iters = atol(argv[2]);
	int rounds = atoi(argv[3]);
	uint64_t base = 0x7f0000000000ull;
	struct maple_tree *mt;
	struct ma_state *mas;

	vml_rcu_register_thread();
	mt = vml_tree_new();
	for (long i = 0; i < vmas; i++) {
		uint64_t start = base + (uint64_t)i * 3 * PAGE;

		if (vml_store(mt, start, start + 2 * PAGE - 1, ENTRY(i))) {
			fprintf(stderr, "vmalab_walk_timing: store failed\n");
			return 2;
		}
	}
	/* Height: the deepest node in the tree's pre-order shape (4 words per node). */
	long words = vml_tree_shape(mt, NULL, 0);
	uint64_t *shape = calloc(words > 0 ? words : 1, sizeof(*shape));
	int height = 0;

	vml_tree_shape(mt, shape, words);
	for (long w = 0; w < words; w += 4)
		if ((int)(shape[w] >> 1) + 1 > height)
			height = (int)(shape[w] >> 1) + 1;
	printf("height %d\n", height);

	uint64_t probe = base + (uint64_t)(vmas / 2) * 3 * PAGE + PAGE;

	mas = vml_mas_new(mt, probe);
	for (int r = 0; r < rounds; r++) {
		uint64_t t0, t1;

		while (vml_rcu_read_lock())
			vml_rcu_register_thread();
		t0 = now_ns();
		for (long i = 0; i < iters; i++) {
			vml_mas_set(mas, base + (uint64_t)(i % vmas) * 3 * PAGE + PAGE);
			sink = vml_mas_walk(mas);
		}
		t1 = now_ns();
		printf("set %d %llu %ld\n", r, (unsigned long long)(t1 - t0), iters);

		vml_mas_set(mas, probe);
		sink = vml_mas_walk(mas);
		t0 = now_ns();
		for (long i = 0; i < iters; i++) {
			vml_mas_reset(mas);
			sink = vml_mas_walk(mas);
		}
		t1 = now_ns();
		printf("reset %d %llu %ld\n", r, (unsigned long long)(t1 - t0), iters);

		vml_mas_set(mas, probe);
		sink = vml_mas_walk(mas);
		t0 = now_ns();
		for (long i = 0; i < iters; i++)
			sink = vml_mas_walk(mas);
		t1 = now_ns();
		printf("resumed %d %llu %ld\n", r, (unsigned long long)(t1 - t0), iters);
		vml_rcu_read_unlock();
	}
	if (vml_mas_status(mas) < 0)
		return 2;
	vml_mas_free(mas);
	vml_tree_destroy(mt);
	printf("done\n");
	return 0;
}
