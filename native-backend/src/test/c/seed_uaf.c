// SPDX-License-Identifier: GPL-2.0
/*
 * seed_uaf.c: the seed bug (syzbot 131f9eb2b5807573275c) on the real maple
 * tree, without the JVM. Build against a libvmalab_maple*.so:
 *   gcc -O1 -g -I../../main/c seed_uaf.c -L DIR -lvmalab_maple-... -o seed_uaf
 * Usage: ASAN_OPTIONS=halt_on_error=0 ./seed_uaf no-reset|mas_set|mas_reset
 *
 * Reader: rcu_read_lock; mas_walk at ADDR (finds the VMA, state active at
 * the leaf); rcu_read_unlock. Writer: split that VMA (a new leaf replaces
 * the old one), then synchronize_rcu + rcu_barrier so the old leaf is freed.
 * Reader again: rcu_read_lock; [reset]; mas_walk.
 */
#include <stdio.h>
#include <string.h>
#include "vmalab_maple.h"

#define ENTRY(id) ((uintptr_t)(0x1000 + ((uintptr_t)(id) << 3)))
#define ADDR 0x3800UL

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "no-reset";
	struct maple_tree *mt = vml_tree_new();
	struct ma_state *mas;
	uintptr_t e;
	char buf[8192];

	printf("%s\n", vml_build_info());
	vml_rcu_register_thread();
	vml_store(mt, 0x1000, 0x1fff, ENTRY(1));
	vml_store(mt, 0x3000, 0x4fff, ENTRY(2));
	vml_store(mt, 0x6000, 0x6fff, ENTRY(3));

	mas = vml_mas_new(mt, ADDR);
	vml_rcu_read_lock();
	e = vml_mas_walk(mas);
	vml_rcu_read_unlock();
	printf("first walk: entry=%#lx index=%#lx last=%#lx status=%d node=%#lx\n",
	       e, vml_mas_index(mas), vml_mas_last(mas), vml_mas_status(mas), vml_mas_node(mas));

	/* mprotect of [0x3800, 0x3fff]: the VMA is split, the leaf replaced. */
	vml_store(mt, 0x3800, 0x3fff, ENTRY(4));
	vml_synchronize_rcu();
	vml_rcu_barrier();

	vml_rcu_read_lock();
	if (!strcmp(mode, "mas_set"))
		vml_mas_set(mas, ADDR);
	else if (!strcmp(mode, "mas_reset"))
		vml_mas_reset(mas);
	e = vml_mas_walk(mas);
	vml_rcu_read_unlock();
	printf("retry walk (%s): entry=%#lx index=%#lx last=%#lx status=%d node=%#lx\n",
	       mode, e, vml_mas_index(mas), vml_mas_last(mas), vml_mas_status(mas), vml_mas_node(mas));
	printf("asan reports: %ld\n", vml_asan_report_count());
	if (vml_asan_take_report(buf, sizeof(buf)) >= 0)
		printf("---- first report ----\n%s\n", buf);
	vml_mas_free(mas);
	vml_tree_destroy(mt);
	vml_rcu_barrier();
	return 0;
}
