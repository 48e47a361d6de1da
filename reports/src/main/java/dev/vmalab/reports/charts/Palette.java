package dev.vmalab.reports.charts;

import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One colour and marker per strategy, the same on every chart of a report; markers differ too so
 * lines stay apart in greyscale print and for colour-blind readers (Okabe-Ito colours).
 */
public final class Palette {
    private static final Color[] COLORS = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442).darker(),
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL,
    };

    private final Map<String, Integer> index = new HashMap<>();

    public Palette(List<String> names) {
        for (String n : names) index.putIfAbsent(n, index.size());
    }

    private int slot(String name) {
        synchronized (index) {
            return index.computeIfAbsent(name, n -> index.size());
        }
    }

    public Color color(String name) {
        return COLORS[slot(name) % COLORS.length];
    }

    public Marker marker(String name) {
        return MARKERS[slot(name) % MARKERS.length];
    }
}
