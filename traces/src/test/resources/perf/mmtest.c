// Exercises every traced syscall once, including failures, in two threads, then forks and execs.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void *worker(void *arg) {
    char *p = arg;
    for (int i = 0; i < 4; i++) p[i * 4096] = 1;              /* write faults from a second thread */
    mprotect(p, 4096, PROT_READ);                               /* split the VMA */
    mprotect(p, 4096, PROT_READ | PROT_WRITE);                  /* merge it back */
    return NULL;
}

int main(void) {
    char *p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pthread_t t;
    pthread_create(&t, NULL, worker, p);
    pthread_join(t, NULL);
    p = mremap(p, 16 * 4096, 32 * 4096, MREMAP_MAYMOVE);
    p[20 * 4096] = 2;
    madvise(p, 4096, MADV_DONTNEED);
    munmap((void *)0x1001, 4096);                               /* fails: EINVAL (unaligned) */
    mprotect((void *)0x1000, 4096, PROT_READ);                  /* fails: ENOMEM (nothing mapped) */
    madvise(p, 4096, 12345);                                    /* fails: EINVAL (bad advice) */
    sbrk(8 * 4096);
    munmap(p, 32 * 4096);
    pid_t c = fork();
    if (c == 0) { execl("/bin/true", "true", (char *)NULL); _exit(1); }
    waitpid(c, NULL, 0);
    return 0;
}
