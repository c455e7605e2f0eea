#!/usr/bin/env bash
# Records the library's current public surface in src/Pathways/PublicAPI.Unshipped.txt.
# Run after a deliberate change to the public API (the build fails with RS0016/RS0017 until the baseline
# agrees); review the diff of PublicAPI.Unshipped.txt like any other change. See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/Pathways/Pathways.csproj
unshipped=src/Pathways/PublicAPI.Unshipped.txt
shipped=src/Pathways/PublicAPI.Shipped.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Start from the shipped lines only, so that removed or renamed members drop out of Unshipped.
printf '#nullable enable\n' > "$unshipped"
# RS0016 names each undeclared symbol in the exact line format of the baseline files; every target must agree.
dotnet build "$project" -c Release --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= >"$log" 2>&1 || true
grep -oE "warning RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -E "s/^warning RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" \
  | LC_ALL=C sort -u >> "$unshipped"
# Lines RS0017 reports (in Shipped but gone from the code) need a human decision: list them, do not delete them.
if grep -q "RS0017" "$log"; then
  echo "Shipped API is missing from the code (breaking change; decide, then edit $shipped by hand):"
  grep -oE "RS0017: .*" "$log" | sed 's/ (https.*//' | sort -u
fi
echo "$(($(wc -l < "$unshipped") - 1)) unshipped public API lines recorded in $unshipped."
