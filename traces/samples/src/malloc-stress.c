/* A 4-thread allocator stress for the kernel-outcome sample (traces/samples/README.md):
 * each thread mallocs and frees blocks above glibc's mmap threshold and touches every page, so the
 * threads fault on fresh anonymous VMAs (first touch needs an anon_vma: __vmf_anon_prepare) while the
 * others mmap and munmap (mmap_lock writers). The first worker also reads /proc/self/maps every 50
 * rounds (a maps reader). Usage: malloc-stress [ROUNDS] (default 200).
 * Build: gcc -O2 -pthread -o malloc-stress malloc-stress.c */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define THREADS 4
static int rounds = 200;

static void read_maps(void) {
    char buf[4096];
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return;
    while (fread(buf, 1, sizeof buf, f) > 0) { }
    fclose(f);
}

static void *worker(void *arg) {
    long id = (long) arg;
    for (int r = 0; r < rounds; r++) {
        size_t size = (size_t) (256 + 64 * ((r + id) % 4)) * 1024;
        char *p = malloc(size);
        if (!p) return NULL;
        for (size_t off = 0; off < size; off += 4096) p[off] = (char) r;
        free(p);
        if (id == 0 && r % 50 == 0) read_maps();
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1) rounds = atoi(argv[1]);
    /* A fixed threshold (no dynamic raise after free): every block is its own mmap, so every round
     * maps, first-touches and unmaps. */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, worker, (void *) i);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    return 0;
}
