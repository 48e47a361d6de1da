package dev.vmalab.traces.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Seeded damage of the kinds real files get: cut, doubled or swapped fields, wrong digits, odd bytes. */
final class Mutations {
    private static final String[] JUNK = {"", ",", ":", "[", "]", "0x", "-1", "18446744073709551616", "9".repeat(40),
            "NaN", " ", "\t", "\"", "#", "0xffffffffffffffff", "é", "\u0000", "PERF_RECORD_MMAP2", "fault", "syscalls:"};

    private Mutations() {}

    static String mutate(String line, Random rnd) {
        if (line.isEmpty()) return JUNK[rnd.nextInt(JUNK.length)];
        int at = rnd.nextInt(line.length());
        return switch (rnd.nextInt(8)) {
            case 0 -> line.substring(0, at); // cut short
            case 1 -> line.substring(0, at) + JUNK[rnd.nextInt(JUNK.length)] + line.substring(at);
            case 2 -> line.substring(0, at) + line.substring(Math.min(line.length(), at + 1 + rnd.nextInt(8)));
            case 3 -> line.substring(0, at) + (char) ('0' + rnd.nextInt(10)) + line.substring(at + 1);
            case 4 -> line.substring(0, at) + (char) ('a' + rnd.nextInt(26)) + line.substring(at + 1);
            case 5 -> line + line.substring(at); // a doubled tail
            case 6 -> line.replace(',', rnd.nextBoolean() ? ';' : ' ');
            default -> {
                String[] parts = line.split(",", -1);
                if (parts.length > 2) {
                    int i = rnd.nextInt(parts.length);
                    int j = rnd.nextInt(parts.length);
                    String t = parts[i];
                    parts[i] = parts[j];
                    parts[j] = t;
                }
                yield String.join(",", parts);
            }
        };
    }

    /** The document's bytes, sometimes with a non-UTF-8 byte or cut mid-line. */
    static byte[] bytes(String doc, Random rnd) {
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        switch (rnd.nextInt(10)) {
            case 0 -> b[rnd.nextInt(b.length)] = (byte) 0xff;
            case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            default -> { }
        }
        return b;
    }
}
