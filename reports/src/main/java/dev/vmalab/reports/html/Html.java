package dev.vmalab.reports.html;

import java.util.List;
import java.util.function.IntPredicate;

/** Escaping and the few element shapes the pages use; no template engine, no external assets. */
public final class Html {
    private Html() {}

    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A relative link to a file in or below the result folder; each path segment is URL-escaped. */
    public static String link(String relativePath, String text) {
        return "<a href=\"" + esc(href(relativePath)) + "\">" + esc(text) + "</a>";
    }

    static String href(String relativePath) {
        StringBuilder out = new StringBuilder();
        for (char c : relativePath.replace('\\', '/').toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || "/-_.~".indexOf(c) >= 0) out.append(c);
            else for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** A table; header and cells are already HTML. numericFrom: columns at or after this index align right. */
    public static String table(String cssClass, List<String> header, List<List<String>> rows, int numericFrom) {
        return table(cssClass, header, rows, i -> i >= numericFrom);
    }

    /** A table whose numeric columns (right-aligned, tabular figures) are those {@code numeric} accepts. */
    public static String table(String cssClass, List<String> header, List<List<String>> rows, IntPredicate numeric) {
        StringBuilder t = new StringBuilder("<table class=\"" + cssClass + "\"><thead><tr>");
        for (int i = 0; i < header.size(); i++) {
            t.append(numeric.test(i) ? "<th class=\"n\">" : "<th>").append(header.get(i)).append("</th>");
        }
        t.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            t.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                t.append(numeric.test(i) ? "<td class=\"n\">" : "<td>").append(row.get(i)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</tbody></table>\n").toString();
    }
}
