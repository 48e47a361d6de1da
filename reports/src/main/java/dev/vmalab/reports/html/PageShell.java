package dev.vmalab.reports.html;

/**
 * The HTML document around a report body: inline CSS, no external fonts, scripts or styles, so the
 * page reads the same from a file:// URL offline. A small inline script marks broken images and
 * script errors on &lt;body&gt; (data-broken-images, data-errors) for the headless check.
 */
public final class PageShell {
    private static final String CSS = """
            :root { --fg:#1d2430; --muted:#5b6472; --line:#d9dee5; --bg:#ffffff; --soft:#f5f7fa;
                    --ok:#1a7f37; --bad:#b42318; --warn:#9a6700; }
            * { box-sizing: border-box; }
            body { margin:0; background:var(--bg); color:var(--fg);
                   font:15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 16px; margin: 22px 0 8px; }
            p, li { max-width: 78ch; }
            .muted { color: var(--muted); }
            nav { margin: 10px 0 0; font-size: 14px; }
            nav a { margin-right: 14px; }
            a { color: #0b5cad; }
            code, .mono { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 13px; }
            .verdict { border: 1px solid var(--line); border-left: 6px solid var(--ok); background: var(--soft);
                       padding: 14px 18px; margin: 18px 0; border-radius: 4px; }
            .verdict.none { border-left-color: var(--bad); }
            .verdict .answer { font-size: 19px; font-weight: 600; margin: 0 0 6px; }
            table { border-collapse: collapse; margin: 8px 0 14px; font-size: 13.5px; }
            th, td { border-bottom: 1px solid var(--line); padding: 5px 10px; text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.incorrect td:first-child { border-left: 4px solid var(--bad); }
            tr.winner td:first-child { border-left: 4px solid var(--ok); }
            .tag { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; }
            .tag.ok { background: #dafbe1; color: var(--ok); }
            .tag.bad { background: #ffebe9; color: var(--bad); }
            .tag.warn { background: #fff8c5; color: var(--warn); }
            .better { color: var(--ok); font-weight: 600; }
            .worse { color: var(--bad); font-weight: 600; }
            figure { margin: 14px 0 26px; }
            figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
            figcaption { font-size: 13px; color: var(--muted); max-width: 880px; }
            .nowrap, table.standings td:first-child, table.evidence td:first-child,
            table.correctness td:first-child, table.violations td:first-child,
            table.compare td:first-child, table.compare td:nth-child(3) { white-space: nowrap; }
            details { margin: 4px 0 14px; }
            summary { cursor: pointer; color: #0b5cad; font-size: 14px; }
            .repro { white-space: pre-wrap; word-break: break-all; }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; font-size: 14px; }
            dl.meta dt { color: var(--muted); }
            dl.meta dd { margin: 0; word-break: break-word; }
            """;

    private static final String CHECK_SCRIPT = """
            <script>
            window.addEventListener('error', function (e) {
              var b = document.body; b.setAttribute('data-errors', (parseInt(b.getAttribute('data-errors') || '0') + 1));
            }, true);
            window.addEventListener('load', function () {
              var broken = 0, imgs = document.images;
              for (var i = 0; i < imgs.length; i++) {
                if (!imgs[i].complete || imgs[i].naturalWidth === 0) { broken++; imgs[i].setAttribute('data-broken', 'true'); }
              }
              document.body.setAttribute('data-broken-images', String(broken));
              document.body.setAttribute('data-images', String(imgs.length));
            });
            </script>
            """;

    private PageShell() {}

    public static String wrap(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n"
                + "<body>\n<main>\n" + body + "</main>\n" + CHECK_SCRIPT + "</body>\n</html>\n";
    }
}
