// SPDX-License-Identifier: GPL-2.0
/*
 * vmalab_fault_timing.c: what page faults cost on the running kernel
 * (vmalab calibrate; built with gcc at run time, see dev.vmalab.nativebackend.calib).
 *
 * usage: vmalab_fault_timing PAGES VMAS ROUNDS PHASES [TRACE_MARKER_FILE]
 *
 * PHASES is a comma-separated list of the phases below, each run ROUNDS times
 * (interleaved round by round, so drift hits them alike; the caller takes
 * medians). The faulting thread is always the main thread (tid == pid), so a
 * tracefs set_event_pid of our pid sees only its faults:
 *   per_vma     write-touch PAGES fresh pages of one anonymous VMA that already
 *               has its anon_vma: each fault is served under the per-VMA lock
 *               (arch/x86/mm/fault.c: lock_vma_under_rcu, handle_mm_fault with
 *               FAULT_FLAG_VMA_LOCK).
 *   first_touch write-touch one page in each of VMAS fresh VMAs (separated by
 *               PROT_NONE pages so they do not merge): each fault needs the
 *               VMA's anon_vma (mm/memory.c: __vmf_anon_prepare trylocks
 *               mmap_lock), no writer anywhere.
 *   other       as first_touch while a forked child (another mm) loops
 *               mprotect(): the same CPU load, no contention on our mmap_lock.
 *   self        as first_touch while a thread of ours loops mprotect() on a
 *               region of its own: our mmap_lock is write-held much of the time,
 *               so the anon_vma trylock fails, the fault returns VM_FAULT_RETRY
 *               (VMA_LOCK_RETRY) and is redone under lock_mm_and_find_vma().
 * A second pass over the touched pages (no faults) is the loop's own cost.
 * With TRACE_MARKER_FILE (tracefs trace_marker) it prints "ready" and waits for
 * a line on stdin before the first phase (the caller turns tracing on), writes
 * "vmalab phase NAME ROUND" there as each round of a phase starts, and times
 * each first-touch fault alone: "faults PHASE ROUND NS NS ...", in fault order.
 *
 * Output: one line per round, "PHASE ROUND NS_TOTAL COUNT LOOP_NS", then "done".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long page;
static FILE *marker;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "vmalab_fault_timing: %s: %s\n", what, strerror(errno));
	exit(2);
}

static char *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	/* 4 KiB faults only: a THP fault would be another path (do_huge_pmd_anonymous_page). */
	madvise(p, len, MADV_NOHUGEPAGE);
	return p;
}

/* Write one byte per page at stride pages; returns the ns it took. */
static uint64_t touch(volatile char *base, long count, long stride)
{
	uint64_t t0 = now_ns();

	for (long i = 0; i < count; i++)
		base[i * stride * page] = 1;
	return now_ns() - t0;
}

static void per_vma(long pages, int round)
{
	char *p = map((pages + 1) * page, PROT_READ | PROT_WRITE);

	p[0] = 1; /* the VMA gets its anon_vma here, not in the timed loop */
	if (marker) {
		fprintf(marker, "vmalab phase per_vma %d\n", round);
		fflush(marker);
	}
	uint64_t t = touch(p + page, pages, 1);
	uint64_t loop = touch(p + page, pages, 1); /* no faults: the loop alone */
	printf("per_vma %d %llu %ld %llu\n", round, (unsigned long long)t, pages, (unsigned long long)loop);
	munmap(p, (pages + 1) * page);
}

/* VMAS read-write pages, each its own VMA between PROT_NONE pages, none touched yet. */
static char *fresh_vmas(long vmas)
{
	char *p = map(2 * vmas * page, PROT_NONE);

	for (long i = 0; i < vmas; i++)
		if (mprotect(p + 2 * i * page, page, PROT_READ | PROT_WRITE))
			die("mprotect");
	return p;
}

static atomic_int stop_writer;
/* Set by the writer (thread or child) once it is looping; MAP_SHARED so a child's store is seen. */
static atomic_int *writer_ready;

#define WRITER_PAGES 64

/*
 * mmap_write_lock() over and over: mprotect() splitting and merging the first half of a
 * populated region of its own (the page-table walk of change_protection() makes each hold
 * a few microseconds, so a fault's trylock often finds the lock taken).
 */
static void writer_loop(char *region)
{
	for (int i = 0; i < WRITER_PAGES; i++)
		region[i * page] = 1;
	mprotect(region, WRITER_PAGES / 2 * page, PROT_READ);
	mprotect(region, WRITER_PAGES / 2 * page, PROT_READ | PROT_WRITE);
	atomic_store(writer_ready, 1);
	while (!atomic_load_explicit(&stop_writer, memory_order_relaxed)) {
		mprotect(region, WRITER_PAGES / 2 * page, PROT_READ);
		mprotect(region, WRITER_PAGES / 2 * page, PROT_READ | PROT_WRITE);
	}
}

static void *writer_thread(void *arg)
{
	writer_loop(arg);
	return NULL;
}

static void first_touch(const char *phase, long vmas, int round)
{
	char *p = fresh_vmas(vmas);
	char *wr = NULL;
	pthread_t th;
	pid_t child = -1;

	if (strcmp(phase, "first_touch")) {
		wr = map(WRITER_PAGES * page, PROT_READ | PROT_WRITE);
		atomic_store(&stop_writer, 0);
		atomic_store(writer_ready, 0);
		if (!strcmp(phase, "self")) {
			if (pthread_create(&th, NULL, writer_thread, wr))
				die("pthread_create");
		} else {
			child = fork();
			if (child < 0)
				die("fork");
			if (child == 0) {
				writer_loop(wr);
				_exit(0);
			}
		}
		/* Time only while the writer loops (on a busy machine it may start late). */
		for (int waited = 0; !atomic_load(writer_ready); waited++) {
			if (waited > 100000)
				die("the writer did not start in 10 s");
			usleep(100);
		}
	}
	uint64_t *each = NULL;
	if (marker) { /* touched before the marker: its first faults are not ours to count */
		each = calloc(vmas, sizeof(*each));
		memset(each, 1, vmas * sizeof(*each));
		fprintf(marker, "vmalab phase %s %d\n", phase, round);
		fflush(marker);
	}
	uint64_t t;
	if (marker) { /* traced: each fault timed alone, so the caller can match it to its trace records */
		uint64_t t0 = now_ns();

		for (long i = 0; i < vmas; i++) {
			uint64_t a = now_ns();

			((volatile char *)p)[2 * i * page] = 1;
			each[i] = now_ns() - a;
		}
		t = now_ns() - t0;
		printf("faults %s %d", phase, round);
		for (long i = 0; i < vmas; i++)
			printf(" %llu", (unsigned long long)each[i]);
		printf("\n");
		free(each);
	} else {
		t = touch(p, vmas, 2);
	}
	if (wr) {
		if (child > 0) {
			kill(child, SIGKILL);
			waitpid(child, NULL, 0);
		} else {
			atomic_store(&stop_writer, 1);
			pthread_join(th, NULL);
		}
		munmap(wr, WRITER_PAGES * page);
	}
	uint64_t loop = touch(p, vmas, 2);
	printf("%s %d %llu %ld %llu\n", phase, round, (unsigned long long)t, vmas, (unsigned long long)loop);
	munmap(p, 2 * vmas * page);
}

static void run(const char *phase, long pages, long vmas, int round)
{
	if (!strcmp(phase, "per_vma")) {
		per_vma(pages, round);
	} else if (!strcmp(phase, "first_touch") || !strcmp(phase, "other") || !strcmp(phase, "self")) {
		first_touch(phase, vmas, round);
	} else {
		fprintf(stderr, "vmalab_fault_timing: unknown phase '%s'\n", phase);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: vmalab_fault_timing PAGES VMAS ROUNDS PHASES [TRACE_MARKER_FILE]\n");
		return 2;
	}
	long pages = atol(argv[1]), vmas = atol(argv[2]);
	int rounds = atoi(argv[3]);
	char phases[256], line[64];

	page = sysconf(_SC_PAGESIZE);
	writer_ready = mmap(NULL, sizeof(*writer_ready), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (writer_ready == MAP_FAILED)
		die("mmap");
	setvbuf(stdout, NULL, _IOLBF, 0);
	/*
	 * SCHED_FIFO (lowest priority) when allowed: on a machine busy with other work the writer
	 * and the faulting thread then really run at the same time, and the timings are not
	 * someone else's time slices. Inherited by the writer thread and child; the kernel's RT
	 * throttling (sched_rt_runtime_us) still leaves the others 5 % of each second.
	 */
	struct sched_param sp = { .sched_priority = 1 };
	printf("sched %s\n", sched_setscheduler(0, SCHED_FIFO, &sp) ? "other" : "fifo");
	if (argc > 5 && argv[5][0]) {
		marker = fopen(argv[5], "w");
		if (!marker)
			die(argv[5]);
		printf("ready\n");
		if (!fgets(line, sizeof(line), stdin))
			return 2;
	}
	for (int r = 0; r < rounds; r++) {
		snprintf(phases, sizeof(phases), "%s", argv[4]);
		for (char *save, *ph = strtok_r(phases, ",", &save); ph; ph = strtok_r(NULL, ",", &save))
			run(ph, pages, vmas, r);
	}
	printf("done\n");
	return 0;
}
