/** The real kernel maple tree (lib/maple_tree.c), built as a shared library and called through FFM. */
package dev.vmalab.nativebackend;
