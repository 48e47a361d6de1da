package dev.vmalab.model.strategy;

import dev.vmalab.model.lookup.LookupStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every strategy by name: the built-in ones, registered here in one place, and
 * any found by {@link ServiceLoader} on the class path or in user jars
 * (a jar with {@code META-INF/services/dev.vmalab.model.lookup.LookupStrategy}).
 */
public final class StrategyRegistry {
    private final Map<String, LookupStrategy> byName = new LinkedHashMap<>();

    private StrategyRegistry() {}

    /** The built-in strategies, in the order reports list them. */
    public static List<LookupStrategy> builtIn() {
        return List.of(new NoReset(), new MasSet(), new MasReset(), new FullReinit(), new IterPassedDown(),
                new MmapLockOnly());
    }

    /** Built-ins plus those on the class path. */
    public static StrategyRegistry standard() {
        return withJars(List.of());
    }

    /** Built-ins, the class path, and the given jars. */
    public static StrategyRegistry withJars(List<Path> jars) {
        StrategyRegistry r = new StrategyRegistry();
        for (LookupStrategy s : builtIn()) r.add(s);
        ClassLoader loader = StrategyRegistry.class.getClassLoader();
        if (!jars.isEmpty()) loader = new URLClassLoader(urls(jars), loader);
        for (LookupStrategy s : ServiceLoader.load(LookupStrategy.class, loader)) {
            if (!r.byName.containsKey(s.name())) r.add(s);
        }
        return r;
    }

    private static URL[] urls(List<Path> jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) throw new UncheckedIOException(new IOException("strategy jar not found: " + jar));
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad jar path " + jar, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    private void add(LookupStrategy s) {
        byName.put(s.name(), s);
    }

    public List<LookupStrategy> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The strategy called {@code name}; the error lists the known names. */
    public LookupStrategy get(String name) {
        LookupStrategy s = byName.get(name);
        if (s == null) throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + String.join(", ", names()));
        return s;
    }

    /** "all" or a comma-separated list of names. */
    public List<LookupStrategy> select(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("all")) return all();
        List<LookupStrategy> out = new ArrayList<>();
        for (String n : spec.split(",")) out.add(get(n.trim()));
        return out;
    }
}
