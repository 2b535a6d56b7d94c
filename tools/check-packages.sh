#!/usr/bin/env bash
# Packs every project into a local folder, installs the `milforge` tool from it with `dotnet tool install
# --tool-path`, runs `milforge --version` and `milforge demo` from the installed tool, and builds and runs the library
# sample (samples/LibraryUsage) against the packed packages. Used by .ci/run; exits non-zero on the first failure.
# Usage: tools/check-packages.sh WORKDIR
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:?usage: tools/check-packages.sh WORKDIR}
rm -rf "$work"
mkdir -p "$work"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)

echo "packing MilForge $version into $work/packages"
dotnet pack MilForge.slnx -c Release -o "$work/packages" -v q -nologo

echo "installing the tool into $work/tool"
dotnet tool install milforge --tool-path "$work/tool" --add-source "$work/packages" --version "$version"
"$work/tool/milforge" --version
"$work/tool/milforge" demo --dir "$work/demo" >"$work/demo.txt" 2>&1 || { cat "$work/demo.txt"; exit 1; }
tail -3 "$work/demo.txt"

echo "building the library sample against the packed packages"
# A private global-packages folder, so a stale MilForge package of the same version in ~/.nuget is never used.
dotnet build samples/LibraryUsage -c Release -nologo -v q -p:MilForgeVersion="$version" \
  --source "$work/packages" --source https://api.nuget.org/v3/index.json --packages "$work/nuget" -o "$work/sample"
dotnet "$work/sample/LibraryUsage.dll"
echo "packages: ok"
