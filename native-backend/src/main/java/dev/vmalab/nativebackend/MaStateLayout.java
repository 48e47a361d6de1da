package dev.vmalab.nativebackend;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Size of {@code struct ma_state} and the offsets of the fields the getters read, as the library
 * was compiled ({@code vml_mas_layout}): the kernel's layout, never hard-coded here, so reading
 * {@code mas->index} is a plain memory load rather than a downcall.
 */
record MaStateLayout(long size, long index, long last, long node, long status) {

    static MaStateLayout read(MemorySegment vmlMasLayout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_LONG, 5);
            Linker.nativeLinker().downcallHandle(vmlMasLayout, FunctionDescriptor.ofVoid(ADDRESS)).invokeExact(out);
            return new MaStateLayout(out.getAtIndex(JAVA_LONG, 0), out.getAtIndex(JAVA_LONG, 1), out.getAtIndex(JAVA_LONG, 2),
                    out.getAtIndex(JAVA_LONG, 3), out.getAtIndex(JAVA_LONG, 4));
        } catch (Throwable t) {
            throw NativeMapleLibrary.rethrow(t);
        }
    }
}
