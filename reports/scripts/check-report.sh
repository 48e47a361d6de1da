#!/bin/sh
# check-report.sh DIR: open DIR/index.html in headless Chromium, take a screenshot, and fail when
# the page has a broken image or a console/script error.
#
# The page carries a small inline script that, on load, counts images with complete && naturalWidth == 0
# into <body data-broken-images=N data-images=M> and script errors into data-errors; this script reads
# those attributes from --dump-dom and scans Chromium's stderr log for console errors.
#
# Environment: SCREENSHOT (default DIR/report/screenshot.png), WIDTH (1280), HEIGHT (14000),
# CHROMIUM (default: chromium, installed with apt-get when missing and running as root).
set -eu

usage() { echo "usage: $0 RESULT_DIR" >&2; exit 2; }
[ $# -eq 1 ] || usage
dir=$(cd "$1" && pwd) || usage
page="$dir/index.html"
[ -f "$page" ] || { echo "check-report: $page not found (run: ./vmalab report $1)" >&2; exit 2; }

chromium=${CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "check-report: installing Debian's chromium ..." >&2
    apt-get update -q >&2 && apt-get install -y -q chromium >&2
  else
    echo "check-report: $chromium not found; install it (apt-get install chromium) or set CHROMIUM" >&2
    exit 2
  fi
fi

shot=${SCREENSHOT:-$dir/report/screenshot.png}
mkdir -p "$(dirname "$shot")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="file://$page"

# Offline and quiet: no network services, no first-run UI, a throw-away profile per call.
run_chromium() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars "$@"
}

run_chromium --window-size="${WIDTH:-1280},${HEIGHT:-14000}" --virtual-time-budget=5000 \
  --screenshot="$shot" "$url" >"$work/shot.out" 2>"$work/shot.err" || {
  echo "check-report: chromium failed to take the screenshot:" >&2; cat "$work/shot.err" >&2; exit 1; }

run_chromium --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "$url" \
  >"$work/dom.html" 2>"$work/console.log" || {
  echo "check-report: chromium failed to dump the DOM:" >&2; cat "$work/console.log" >&2; exit 1; }

attr() { sed -n "s/.*<body[^>]* $1=\"\\([^\"]*\\)\".*/\\1/p" "$work/dom.html" | head -n 1; }
images=$(attr data-images)
broken=$(attr data-broken-images)
errors=$(attr data-errors)
fail=0
if [ -z "$images" ]; then
  echo "FAIL: the page's load script did not run (no data-images on <body>)"; fail=1
elif [ "$images" -eq 0 ]; then
  echo "FAIL: the page has no images"; fail=1
fi
if [ -n "$broken" ] && [ "$broken" -ne 0 ]; then
  echo "FAIL: $broken of $images images are broken:"
  grep -o '<img[^>]*data-broken="true"[^>]*>' "$work/dom.html" | sed 's/^/  /'
  fail=1
fi
if [ -n "$errors" ] && [ "$errors" -ne 0 ]; then
  echo "FAIL: $errors script or resource error(s) on the page"; fail=1
fi
# Chromium logs every console message as ...:INFO:CONSOLE:line] "text", source: URL, whatever its level
# (console.error included). The report page writes nothing to the console, so any message is a failure.
if grep -E 'CONSOLE|Failed to load resource|net::ERR_' "$work/console.log" >"$work/console.err"; then
  echo "FAIL: console messages:"; sed 's/^/  /' "$work/console.err"; fail=1
fi

if [ "$fail" -eq 0 ]; then
  echo "OK: $images images, none broken, no console errors; screenshot: $shot"
else
  echo "screenshot: $shot"
fi
exit "$fail"
