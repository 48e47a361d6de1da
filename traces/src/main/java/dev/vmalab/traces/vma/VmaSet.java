package dev.vmalab.traces.vma;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The mappings of one process, kept as the kernel keeps them: non-overlapping,
 * split by mprotect and partial munmap, merged again when neighbours become
 * identical (vma_merge). Lengths are rounded up to pages as the syscalls do.
 * Not thread-safe: one per process, used by one reader.
 */
public final class VmaSet {
    private final TreeMap<Long, Vma> byStart = new TreeMap<>();

    public VmaSet copy() {
        VmaSet c = new VmaSet();
        c.byStart.putAll(byStart);
        return c;
    }

    public int count() {
        return byStart.size();
    }

    public boolean isEmpty() {
        return byStart.isEmpty();
    }

    public void clear() {
        byStart.clear();
    }

    /** The mapping containing {@code address}, or null (find_vma plus the range check). */
    public Vma find(long address) {
        Map.Entry<Long, Vma> e = byStart.floorEntry(address);
        return e != null && e.getValue().contains(address) ? e.getValue() : null;
    }

    /** The nearest mapping ending at or below {@code address}, or null. */
    public Vma below(long address) {
        Map.Entry<Long, Vma> e = byStart.floorEntry(address);
        if (e != null && e.getValue().contains(address)) e = byStart.lowerEntry(e.getKey());
        return e == null ? null : e.getValue();
    }

    /** The nearest mapping starting above {@code address}, or null. */
    public Vma above(long address) {
        Map.Entry<Long, Vma> e = byStart.higherEntry(address);
        return e == null ? null : e.getValue();
    }

    public List<Vma> all() {
        return List.copyOf(byStart.values());
    }

    /** mmap at {@code vma}'s range: whatever was there is replaced (MAP_FIXED semantics). */
    public void map(Vma vma) {
        long end = vma.start() + Pages.up(vma.length());
        Vma placed = new Vma(vma.start(), end, vma.prot(), vma.flags(), vma.name(), vma.offset(), vma.origin());
        unmap(placed.start(), placed.length());
        byStart.put(placed.start(), placed);
        mergeAround(placed.start(), placed.end());
    }

    /** munmap: removes [start, start+length), splitting mappings that straddle the ends. */
    public void unmap(long start, long length) {
        long end = start + Pages.up(length);
        splitAt(start);
        splitAt(end);
        byStart.subMap(start, true, end, false).clear();
    }

    /** mprotect: sets the protection of every mapped page in the range, splitting and merging. */
    public void protect(long start, long length, int prot) {
        long end = start + Pages.up(length);
        splitAt(start);
        splitAt(end);
        NavigableMap<Long, Vma> range = byStart.subMap(start, true, end, false);
        range.replaceAll((k, v) -> v.withProt(prot));
        mergeAround(start, end);
    }

    /**
     * mremap from [oldAddr, +oldLength) to [newAddr, +newLength). The moved range
     * keeps the attributes of the mapping at oldAddr (mremap works within one VMA).
     * With {@code keepOld} (MREMAP_DONTUNMAP) the old range stays mapped.
     */
    public void remap(long oldAddr, long oldLength, long newAddr, long newLength, boolean keepOld) {
        Vma first = find(oldAddr);
        if (first == null) return;
        long oldLen = Pages.up(oldLength);
        long newLen = Pages.up(newLength);
        Vma moved = first.slice(oldAddr, oldAddr + Math.max(oldLen, Pages.PAGE_SIZE)).movedTo(newAddr, newLen);
        if (!keepOld || newAddr == oldAddr) unmap(oldAddr, oldLen);
        map(moved);
    }

    private void splitAt(long address) {
        Map.Entry<Long, Vma> e = byStart.lowerEntry(address);
        if (e == null) return;
        Vma v = e.getValue();
        if (v.contains(address) && v.start() != address) {
            byStart.put(v.start(), v.slice(v.start(), address));
            byStart.put(address, v.slice(address, v.end()));
        }
    }

    /** Merges neighbours from the mapping before {@code start} to the one at or after {@code end}. */
    private void mergeAround(long start, long end) {
        Long from = byStart.lowerKey(start);
        Long to = byStart.ceilingKey(end);
        NavigableMap<Long, Vma> range = byStart.subMap(from == null ? Long.MIN_VALUE : from, true,
                to == null ? Long.MAX_VALUE : to, true);
        List<Vma> merged = new ArrayList<>();
        for (Iterator<Vma> it = range.values().iterator(); it.hasNext(); ) {
            Vma v = it.next();
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).mergeableWith(v)) {
                Vma prev = merged.get(last);
                merged.set(last, new Vma(prev.start(), v.end(), prev.prot(), prev.flags(), prev.name(),
                        prev.offset(), prev.origin()));
            } else {
                merged.add(v);
            }
            it.remove();
        }
        for (Vma v : merged) byStart.put(v.start(), v);
    }
}
