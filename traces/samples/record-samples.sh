#!/bin/sh
# Records the sample traces in this folder (see README.md). Run as root from the
# repository root: sh traces/samples/record-samples.sh
# Each sample is recorded with perf, then `perf script` text is kept (xz) in both
# layouts for the importer tests, and imported to the vmalab trace format (zst).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
events="-e exceptions:page_fault_user"
for s in mmap munmap mprotect mremap brk madvise; do
  events="$events -e syscalls:sys_enter_$s -e syscalls:sys_exit_$s"
done
# The kernel's own fault outcomes and writer hold times (as `vmalab record` adds them).
events="$events -e mmap_lock:mmap_lock_start_locking/call-graph=fp,max-stack=6/"
events="$events -e mmap_lock:mmap_lock_acquire_returned -e mmap_lock:mmap_lock_released"
java25="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin"

record() { # name, command...
  name="$1"; shift
  perf record -q -m 64M $events -o "$work/$name.data" -- "$@" > /dev/null
  perf script -i "$work/$name.data" --show-mmap-events --show-task-events --ns 2>/dev/null \
    | xz -9 > "$here/$name.perf.xz"
}

# 1. xz compressing 8 MB of base64 text with two worker threads (1 MiB blocks).
head -c 6000000 /dev/urandom | base64 > "$work/input.txt"
record xz-t2 xz -T2 --block-size=1MiB -k -c "$work/input.txt"

# 2. sort with two threads on 400k lines.
seq 1 400000 | shuf --random-source=/dev/zero > "$work/lines.txt"
record sort-parallel2 sort --parallel=2 -S 64M -o "$work/sorted.txt" "$work/lines.txt"

# 3. gcc compiling a small C file (driver, cc1, as, collect2, ld: several processes).
printf '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n' > "$work/hello.c"
record gcc-hello gcc -O2 -o "$work/hello" "$work/hello.c"

# 4. A JVM (JDK 25) running 4 allocating threads: GC, JIT and worker threads.
"$java25/javac" -d "$work" "$here/src/Workers.java"
record jvm-workers "$java25/java" -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx64m -XX:+UseSerialGC -cp "$work" Workers

# 5. A 4-thread malloc stress (src/malloc-stress.c): fresh anonymous VMAs first-touched while other threads
#    mmap and munmap, so the kernel's anon_vma trylock fails (VMA_LOCK_RETRY) and faults fall back.
#    Its reads of /proc/self/maps are recorded too, as `vmalab record --maps-readers` does (uprobes on libc).
gcc -O2 -pthread -o "$work/malloc-stress" "$here/src/malloc-stress.c"
libc=/usr/lib/x86_64-linux-gnu/libc.so.6
perf probe -q -x "$libc" -a 'vmalab_open64=open64 path=+0(%di):string'
perf probe -q -x "$libc" -a 'vmalab_openat64=openat64 path=+0(%si):string'
events_without_uprobes="$events"
events="$events -e probe_libc:vmalab_open64 -e probe_libc:vmalab_openat64"
record malloc-stress4 "$work/malloc-stress" 60
events="$events_without_uprobes"
perf probe -q -d probe_libc:vmalab_open64
perf probe -q -d probe_libc:vmalab_openat64

# The -F layout of one recording, for the importer's layout test (no ip,sym fields: no callchains,
# so its kernel outcomes are unknown).
perf script -i "$work/xz-t2.data" --show-mmap-events --show-task-events \
  -F comm,pid,tid,cpu,time,event,trace --ns 2>/dev/null | xz -9 > "$here/xz-t2.perf-ns.xz"

for f in "$here"/*.perf.xz; do
  name="$(basename "$f" .perf.xz)"
  "$here/../../vmalab" import "$f" "$here/$name.csv.zst"
done
