package dev.vmalab.replay.engine;

/**
 * Stable non-zero ids for the files behind mappings (the model only compares them, for
 * merging): a path when the trace has one, else the (pid, fd) pair; shared anonymous
 * memory is a shmem file of its own.
 */
final class FileIds {
    private FileIds() {}

    static long path(String path) {
        return nonZero(mix(path.hashCode()) ^ 0x5041544821L);
    }

    static long fd(int pid, int fd) {
        return nonZero(mix(((long) pid << 32) ^ (fd & 0xffffffffL)));
    }

    static long shmem(int pid, long address) {
        return nonZero(mix(address ^ ((long) pid << 48) ^ 0x73686d656dL));
    }

    private static long mix(long z) { // SplitMix64's finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long nonZero(long id) {
        return id == 0 ? 1 : id;
    }
}
