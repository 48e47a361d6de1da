package dev.vmalab.nativebackend.calib;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a calibration program: its round lines ({@code KIND ROUND NS_TOTAL COUNT [LOOP_NS]})
 * as ns per operation, by kind, its {@code faults PHASE ROUND NS...} lines (each fault timed alone,
 * keyed {@code "PHASE ROUND"}) and its other {@code key value} lines. With a {@link Hook} the
 * program is expected to print {@code ready} and wait: the hook runs (tracing turned on for the
 * program's pid), then the run goes on.
 */
record TimingRun(Map<String, double[]> nsPerOp, Map<String, String> values, Map<String, long[]> eachFault, long pid) {

    interface Hook {
        void ready(long pid) throws IOException;
    }

    /** Median of a kind's rounds, NaN when it has none. */
    double median(String kind) {
        double[] v = nsPerOp.get(kind);
        if (v == null || v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    double min(String kind) {
        double[] v = nsPerOp.get(kind);
        return v == null || v.length == 0 ? Double.NaN : Arrays.stream(v).min().orElse(Double.NaN);
    }

    static TimingRun run(List<String> argv, Hook hook, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("LD_PRELOAD");
        Process p = pb.start();
        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, long[]> each = new LinkedHashMap<>();
        boolean done = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer out = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.strip().split("\\s+");
                if (f[0].equals("ready") && hook != null) {
                    hook.ready(p.pid());
                    out.write("go\n");
                    out.flush();
                } else if (f[0].equals("faults") && f.length >= 3) {
                    long[] ns = new long[f.length - 3];
                    for (int i = 3; i < f.length; i++) ns[i - 3] = Long.parseLong(f[i]);
                    each.put(f[1] + " " + f[2], ns);
                } else if (f[0].equals("done")) {
                    done = true;
                } else if (f.length >= 4) {
                    double total = Double.parseDouble(f[2]) - (f.length > 4 ? Double.parseDouble(f[4]) : 0);
                    rounds.computeIfAbsent(f[0], k -> new ArrayList<>()).add(total / Double.parseDouble(f[3]));
                } else if (f.length == 2) {
                    values.put(f[0], f[1]);
                }
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(Path.of(argv.getFirst()).getFileName() + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0 || !done) {
            throw new IOException(Path.of(argv.getFirst()).getFileName() + " failed (exit " + p.exitValue() + ")");
        }
        Map<String, double[]> ns = new LinkedHashMap<>();
        rounds.forEach((k, v) -> ns.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return new TimingRun(ns, values, each, p.pid());
    }
}
