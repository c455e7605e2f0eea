#!/usr/bin/env bash
# Smoke of the benchmark project (never a timing gate): every benchmark method runs a few times and the
# hand-written rules, the fused matcher, the per-rule path, plain RulesEngine and both Recommend paths must
# agree on 2,000 seeded citizens; then BenchmarkDotNet itself runs one method once (Dry job, in process).
set -euo pipefail
cd "$(dirname "$0")/../.."
dll=tests/Pathways.Benchmarks/bin/Release/net10.0/Pathways.Benchmarks.dll
[ -f "$dll" ] || dotnet build tests/Pathways.Benchmarks -c Release --nologo -v quiet
dotnet "$dll" --smoke
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet "$dll" --filter '*HandWrittenMatch*' --job Dry --inProcess --artifacts "$out" > "$out/log.txt" 2>&1 || { tail -n 40 "$out/log.txt"; exit 1; }
grep -q "Hand-written" "$out"/results/*-report-github.md || { echo "bench-smoke: BenchmarkDotNet wrote no report"; tail -n 40 "$out/log.txt"; exit 1; }
echo "bench-smoke: ok"
