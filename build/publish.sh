#!/usr/bin/env bash
# Builds Shuyaku as self-contained single-file binaries (docs/install.md):
#
#   build/publish.sh [--out DIR] [--no-trim] [RID...]
#
# RIDs default to linux-x64 linux-arm64 win-x64 osx-arm64. Each binary is DIR/RID/shuyaku (shuyaku.exe on Windows),
# DIR defaulting to artifacts/bin. The publish settings are the Shuyaku.Cli project's, switched on by
# -p:ShuyakuBinary=true (trimming with -p:ShuyakuTrim=false off). For each RID the script prints the size and the
# time it took, and at the end which RIDs failed, with the first error of each; it exits 1 when any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

out=artifacts/bin
trim=true
rids=()
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --no-trim) trim=false; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) rids+=("$1"); shift ;;
    esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64 win-x64 osx-arm64)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$out"
failed=()
for rid in "${rids[@]}"; do
    log="$out/publish-$rid.log"
    start=$(date +%s)
    if dotnet publish src/Shuyaku.Cli/Shuyaku.Cli.csproj -c Release -r "$rid" -p:ShuyakuBinary=true -p:ShuyakuTrim="$trim" \
        -o "$out/$rid" -nologo > "$log" 2>&1; then
        exe="$out/$rid/shuyaku"; [ -f "$exe" ] || exe="$exe.exe"
        # The single file is all a user needs: the symbols beside it are left for debugging only.
        echo "$rid: $exe, $(du -m "$exe" | cut -f1) MB, $(( $(date +%s) - start )) s (trimmed: $trim; log $log)"
    else
        echo "$rid: FAILED after $(( $(date +%s) - start )) s: $(grep -m1 -E 'error [A-Z]+[0-9]+' "$log" || tail -n 1 "$log")"
        failed+=("$rid")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]} (logs in $out)"
    exit 1
fi
