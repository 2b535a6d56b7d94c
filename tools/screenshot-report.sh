#!/usr/bin/env bash
# Renders MilForge HTML reports in headless Chromium and saves PNG screenshots.
#
#   tools/screenshot-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#       screenshot of an existing report (default OUT: REPORT.png, size 1400x2400)
#   tools/screenshot-report.sh --model MODEL.onnx [--inputs DIR] [OUTDIR]
#       runs debug-precision (with the mixed-precision search) and compare on MODEL, then screenshots both reports
#       into OUTDIR (default: ./report-screenshots)
#
# Needs Chromium (Debian: apt-get install chromium) or CHROMIUM=/path/to/chrome; the second form needs the .NET SDK.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$browser" ]]; then
  echo "error: no Chromium found; install it (apt-get install chromium) or set CHROMIUM" >&2
  exit 3
fi

shoot() { # html png size
  local profile
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-extensions \
    --disable-background-networking --disable-quic --disable-component-update --disable-sync "--host-resolver-rules=MAP * ~NOTFOUND" \
    --user-data-dir="$profile" --hide-scrollbars --window-size="${3/x/,}" --screenshot="$(realpath -m "$2")" \
    "file://$(realpath "$1")" 2>/dev/null
  rm -rf "$profile"
  echo "wrote $2"
}

if [[ "${1:-}" == "--model" ]]; then
  model="$2"; shift 2
  inputs=()
  if [[ "${1:-}" == "--inputs" ]]; then inputs=(--inputs "$2"); shift 2; fi
  out="${1:-report-screenshots}"
  mkdir -p "$out"
  milforge=(dotnet run --project "$repo/src/MilForge.Cli" -c Release --)
  # debug-precision exits 1 or 2 when FP16 differs from FP32: that is the finding, not a failure of this script.
  "${milforge[@]}" debug-precision "$model" "${inputs[@]}" --report "$out/debug-precision.html" -o "$out/fixed.mlpackage" || true
  "${milforge[@]}" convert "$model" -o "$out/fp16.mlpackage"
  "${milforge[@]}" compare "$model" "$out/fp16.mlpackage" "${inputs[@]}" --report "$out/compare.html" || true
  shoot "$out/debug-precision.html" "$out/debug-precision.png" 1400x2400
  shoot "$out/compare.html" "$out/compare.png" 1400x1400
  exit 0
fi

if [[ $# -lt 1 || ! -f "$1" ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 3
fi
shoot "$1" "${2:-${1%.html}.png}" "${3:-1400x2400}"
