#!/usr/bin/env bash
# The package as a customer gets it: pack Pathways into a local folder feed, restore a small client project from
# that feed plus the default source into a fresh packages folder (so no cached Pathways can stand in), build it
# and run it from a copy outside the repository. The client exits non-zero unless a sample profile gets
# recommendations with citations.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
[ -n "$version" ] || { echo "consumer: no <Version> in Directory.Build.props"; exit 1; }
feed=artifacts/feed
rm -rf "$feed"
mkdir -p "$feed"

# Builds only what is out of date (CI has just built Release), then packs all targets with symbols.
dotnet pack src/Pathways -c Release -o "$feed" -v quiet -nologo
nupkg="$feed/Pathways.$version.nupkg"
[ -f "$nupkg" ] && [ -f "$feed/Pathways.$version.snupkg" ] || { echo "consumer: pack did not give Pathways.$version.nupkg and .snupkg"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case "$tmp" in "$PWD"/*) echo "consumer: temp folder is inside the repository"; exit 1 ;; esac
cp -r tests/Pathways.Consumer "$tmp/client"
rm -rf "$tmp/client/bin" "$tmp/client/obj"
mkdir -p "$tmp/client/feed"
cp "$nupkg" "$tmp/client/feed/"

(
  cd "$tmp/client"
  dotnet restore -p:PathwaysVersion="$version" --packages "$tmp/packages" -v quiet
  dotnet build -c Release --no-restore -p:PathwaysVersion="$version" -v quiet -nologo
)

# The package restored must be the one just packed, byte for byte.
restored="$tmp/packages/pathways/$version/pathways.$version.nupkg"
cmp -s "$restored" "$nupkg" || { echo "consumer: the restored Pathways $version is not the package just packed"; exit 1; }

# Run from elsewhere with no rules files anywhere near: the built-in pack must come from the assembly.
out=$(cd / && dotnet "$tmp/client/bin/Release/net10.0/Pathways.Consumer.dll")
printf "%s\n" "$out" | head -n 20
printf "%s\n" "$out" | tail -n 1
echo "consumer: Pathways $version from the local feed gave recommendations with citations"
