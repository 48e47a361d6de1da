package dev.vmalab.model.tree;

import dev.vmalab.model.Kernel;

/** Makes the VMA tree of each new mm: the Java model, or the kernel's code through FFM. */
public interface TreeBackend {
    String name();

    RangeTree newTree(Kernel kernel, long owner);

    /** The Java model of lib/maple_tree.c. */
    TreeBackend JAVA = new TreeBackend() {
        @Override
        public String name() {
            return "java";
        }

        @Override
        public RangeTree newTree(Kernel kernel, long owner) {
            return new dev.vmalab.model.maple.MapleTree(kernel, owner);
        }
    };
}
