#!/usr/bin/env bash
# Runs the project's nanoFramework test assemblies (Device.Tests/NanoFramework/*) in the real nanoCLR: nf-interpreter's
# POSIX host, built here from its public sources. For developers and users, by hand; test.sh and .ci/run never call it
# (CI cannot reach nanoFramework's repositories). Nothing it fetches or builds goes into this repository: everything lives
# in the work dir (default ${XDG_CACHE_HOME:-~/.cache}/mqtt2go-nanoclr). See docs/nanoclr.md.
#
# Steps: check out the pinned commits below -> build the POSIX nanoCLR (CMake + Ninja) -> build the MetadataProcessor
# (its shared code behind our front end, MdpHost/) and our .nfproj compiler (NfBuild/) -> take mscorlib.dll/.pe from the
# NuGet package nanoFramework.CoreLibrary -> compile every other library from its sources and convert it to .pe -> compile
# the core library and each test project against only the references its .nfproj lists, convert them -> run each test
# assembly with the unit-test launcher and count its "Test passed," / "Test failed," / "Test skipped," lines.
# Ends with "N passed, N failed, N skipped"; exit 0 only when nothing failed and every expected test ran.
set -euo pipefail

# ---------------------------------------------------------------------------------------------------------------------
# Pins, all in one place. Libraries: the tag of the version our packages.config pins where the repository has it, else
# the newest commit of the repository's 1.x line (noted "stands in for"; the run prints it again).
NF_INTERPRETER_COMMIT=a3e8139a1ba778e33ca81b023099765eada6c456   # 2026-07-24, targets/posix
METADATA_PROCESSOR_COMMIT=4541b46b25b6ddca89514c6627aa9973021b36d6 # v3.0.100
CORELIBRARY_VERSION=1.17.11                                        # NuGet package nanoFramework.CoreLibrary (mscorlib.dll + mscorlib.pe)
# name|repository (github.com/nanoframework/...)|commit|project file in the repository|package version it is for
LIBRARIES=(
  "nanoFramework.TestFramework|nanoFramework.TestFramework|d4fa55eb58a9ef2f4635e87da79d42e6c49b04b4|source/TestFramework/nanoFramework.TestFramework.nfproj|3.0.80"
  "nanoFramework.UnitTestLauncher|nanoFramework.TestFramework|d4fa55eb58a9ef2f4635e87da79d42e6c49b04b4|source/UnitTestLauncher/nanoFramework.UnitTestLauncher.nfproj|3.0.80"
  "nanoFramework.System.Collections|nanoFramework.System.Collections|8a20f0f98e246d366452517387b28ac0343d452f|nanoFramework.System.Collections/nanoFramework.System.Collections.nfproj|1.5.75"
  "nanoFramework.System.Text|nanoFramework.System.Text|296d843b1d8199aae714edb7674d382dc44dba23|nanoFramework.System.Text/nanoFramework.System.Text.nfproj|1.3.42"
  "System.Math|System.Math|67b21d83360a5777dadbafec6e4143551a7c43ea|nanoFramework.System.Math/nanoFramework.System.Math.nfproj|1.5.116"
  "System.IO.Streams|System.IO.Streams|e6d0ae8b640fa2b1b701f671801c662d16d9cd00|System.IO.Streams/System.IO.Streams.nfproj|1.1.96"
  "System.Threading|System.Threading|866134ed5ae3faad59a2e5339c33d56f77eebee4|nanoFramework.System.Threading/nanoFramework.System.Threading.nfproj|1.1.52"
  "nanoFramework.Runtime.Events|nanoFramework.Runtime.Events|6dd93c1477be4198a087243e00abbb5680b059a3|nanoFramework.Runtime.Events/nanoFramework.Runtime.Events.nfproj|1.11.37"
  "nanoFramework.Json|nanoFramework.Json|76f1016c32e9507e7207669718aabcd4ecb0af3b|nanoFramework.Json/nanoFramework.Json.nfproj|2.2.213"
  "System.Net|System.Net|713b02c9fea5265e4e70981a9115daa3b5745c4c|nanoFramework.System.Net/System.Net.nfproj|1.11.60"
)
# The core library and the five test assemblies (Device.Tests/NanoFramework/<Area>/), in this repository.
CORE_PROJECT=Device.Firmware/Core.Nano/Mqtt2Go.Device.Core.nfproj
AREAS=(Messages Mdns Configuration Provisioning Adapters)
# ---------------------------------------------------------------------------------------------------------------------

usage() {
  cat <<EOF
usage: scripts/nanoframework/run-tests.sh [options]
  --work DIR      work dir for checkouts, builds and logs (default: \${XDG_CACHE_HOME:-~/.cache}/mqtt2go-nanoclr,
                  or \$M2G_NANOCLR_WORK); must be outside the repository
  --sources DIR   a folder of existing checkouts or git mirrors to take the pinned commits from, one per repository,
                  named <repo>, nanoframework+<repo> or nanoframework+<repo>/repo (e.g. /work/.mirror; or \$M2G_NF_SOURCES)
  --offline       never clone from https://github.com/nanoframework (default: clone what --sources does not have)
  --config C      Release (default) or Debug: the configuration of the project's own assemblies
  --area NAME     run only this test assembly (repeatable): ${AREAS[*]}
  --timeout S     seconds one test assembly may run in nanoCLR (default 900)
  --clean         delete the work dir's builds first (checkouts stay)
EOF
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$here/../.." && pwd)
work=${M2G_NANOCLR_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/mqtt2go-nanoclr}
sources=${M2G_NF_SOURCES:-}
offline=0 config=Release timeout_s=900 clean=0
selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --sources) sources=$2; shift 2 ;;
    --offline) offline=1; shift ;;
    --config) config=$2; shift 2 ;;
    --area) selected+=("$2"); shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --clean) clean=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-tests: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$config" in Release|Debug) ;; *) echo "run-tests: --config must be Release or Debug" >&2; exit 2 ;; esac
[ ${#selected[@]} -gt 0 ] || selected=("${AREAS[@]}")
for a in "${selected[@]}"; do
  [[ " ${AREAS[*]} " == *" $a "* ]] || { echo "run-tests: unknown area $a (have: ${AREAS[*]})" >&2; exit 2; }
done
mkdir -p "$work"
work=$(cd "$work" && pwd)
case "$work/" in "$repo_root"/*) echo "run-tests: the work dir must be outside the repository ($work)" >&2; exit 2 ;; esac
for tool in git cmake ninja g++ dotnet; do
  command -v $tool >/dev/null 2>&1 || { echo "run-tests: $tool not found (Debian: apt-get install git cmake ninja-build g++; the .NET 10 SDK)" >&2; exit 2; }
done
if [ $clean = 1 ]; then rm -rf "$work/build" "$work/lib" "$work/out" "$work/logs"; fi
mkdir -p "$work/src" "$work/build" "$work/lib" "$work/out" "$work/logs"
logs=$work/logs
started=$SECONDS

step() { printf '\n== %s\n' "$*"; }
note() { printf '   %s\n' "$*"; }
die() { printf 'run-tests: %s\n' "$*" >&2; exit 1; }

# Shows a long command's progress: Ninja's "[n/N]" counters (every 10th step) and elapsed seconds; the full output goes
# to the log, whose tail is printed when the command fails.
run_logged() {
  local log=$1; shift
  local t0=$SECONDS rc=0
  ( "$@" ) >"$log" 2>&1 &
  local pid=$! last=""
  while kill -0 $pid 2>/dev/null; do
    sleep 5
    local now
    now=$(grep -oE '^\[[0-9]+/[0-9]+\]' "$log" 2>/dev/null | tail -1 || true)
    if [ -n "$now" ] && [ "$now" != "$last" ]; then note "$now $((SECONDS - t0)) s"; last=$now; fi
  done
  wait $pid || rc=$?
  if [ $rc -ne 0 ]; then
    tail -30 "$log" >&2
    die "failed (exit $rc) after $((SECONDS - t0)) s; full log: $log"
  fi
  note "done in $((SECONDS - t0)) s (log: $log)"
}

# checkout NAME COMMIT: a work tree of github.com/nanoframework/NAME at COMMIT in $work/src/NAME.
checkout() {
  local name=$1 commit=$2 dest=$work/src/$1 from=""
  if [ -d "$dest/.git" ] && [ "$(git -C "$dest" rev-parse HEAD 2>/dev/null)" = "$commit" ]; then
    git -C "$dest" diff --quiet HEAD 2>/dev/null || die "$dest has local changes; remove it or check out $commit cleanly"
    return 0
  fi
  if [ ! -d "$dest/.git" ]; then
    if [ -n "$sources" ]; then
      local c
      for c in "$sources/$name" "$sources/nanoframework+$name/repo" "$sources/nanoframework+$name" "$sources/$name.git"; do
        [ -d "$c" ] || continue
        if git --git-dir="$c" cat-file -e "$commit^{commit}" 2>/dev/null || git -C "$c" cat-file -e "$commit^{commit}" 2>/dev/null; then
          from=$c; break
        fi
      done
    fi
    if [ -z "$from" ]; then
      [ $offline = 0 ] || die "$name at $commit: not in --sources ${sources:-(none)} and --offline is set"
      from=https://github.com/nanoframework/$name
      note "cloning $from"
      git clone -q --no-checkout --filter=blob:none "$from" "$dest" || die "cannot clone $from"
    else
      git clone -q --no-checkout "$from" "$dest" || die "cannot clone $from"
    fi
  fi
  if ! git -C "$dest" cat-file -e "$commit^{commit}" 2>/dev/null; then
    git -C "$dest" fetch -q origin "$commit" 2>/dev/null || git -C "$dest" fetch -q origin || die "$name: commit $commit not found"
  fi
  git -C "$dest" -c advice.detachedHead=false checkout -q --force "$commit" || die "$name: cannot check out $commit"
}

describe() { git -C "$work/src/$1" describe --tags --always HEAD 2>/dev/null || echo "?"; }

# stamp FILE CONTENT: true when FILE already holds CONTENT (the part was built from the same inputs).
fresh() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# ---------------------------------------------------------------------------------------------------------------------
step "sources (work dir $work)"
checkout nf-interpreter $NF_INTERPRETER_COMMIT
note "nf-interpreter      $NF_INTERPRETER_COMMIT ($(describe nf-interpreter))"
checkout metadata-processor $METADATA_PROCESSOR_COMMIT
note "metadata-processor  $METADATA_PROCESSOR_COMMIT ($(describe metadata-processor))"
declare -A done_repo=()
for entry in "${LIBRARIES[@]}"; do
  IFS='|' read -r lname lrepo lcommit lproj lversion <<<"$entry"
  if [ -z "${done_repo[$lrepo]:-}" ]; then
    checkout "$lrepo" "$lcommit"
    done_repo[$lrepo]=1
  fi
  d=$(describe "$lrepo")
  if [ "$d" = "v$lversion" ]; then
    note "$(printf '%-33s %s (%s = the pinned package)' "$lname" "$lcommit" "$d")"
  else
    note "$(printf '%-33s %s (%s, stands in for package %s)' "$lname" "$lcommit" "$d" "$lversion")"
  fi
done

# ---------------------------------------------------------------------------------------------------------------------
step "nanoCLR: nf-interpreter targets/posix, CMake + Ninja, Release"
nanoclr_build=$work/build/nanoclr
nanoclr=$nanoclr_build/bin/nanoFramework.nanoCLR.test
if fresh "$nanoclr_build/.stamp" "$NF_INTERPRETER_COMMIT" && [ -x "$nanoclr" ]; then
  note "up to date: $nanoclr"
else
  rm -f "$nanoclr_build/.stamp"
  run_logged "$logs/nanoclr-configure.log" cmake -S "$work/src/nf-interpreter/targets/posix" -B "$nanoclr_build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  run_logged "$logs/nanoclr-build.log" cmake --build "$nanoclr_build" -j "$(nproc 2>/dev/null || echo 2)"
  [ -x "$nanoclr" ] || die "no $nanoclr after the build"
  echo "$NF_INTERPRETER_COMMIT" >"$nanoclr_build/.stamp"
fi

# ---------------------------------------------------------------------------------------------------------------------
step "tools: MetadataProcessor (our front end over its shared code) and nfbuild (our .nfproj compiler)"
tools_hash=$(find "$here/MdpHost" "$here/NfBuild" -type f \( -name '*.cs' -o -name '*.csproj' \) -not -path '*/obj/*' -not -path '*/bin/*' \
  | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)
mdp_dir=$work/build/mdp nfbuild_dir=$work/build/nfbuild
if fresh "$mdp_dir/.stamp" "$METADATA_PROCESSOR_COMMIT $tools_hash" && fresh "$nfbuild_dir/.stamp" "$tools_hash"; then
  note "up to date"
else
  rm -rf "$work/build/mdphost-src" "$work/build/nfbuild-src" "$mdp_dir" "$nfbuild_dir"
  cp -r "$here/MdpHost" "$work/build/mdphost-src"
  cp -r "$here/NfBuild" "$work/build/nfbuild-src"
  run_logged "$logs/mdp-build.log" dotnet build "$work/build/mdphost-src/MdpHost.csproj" -c Release -nologo \
    -p:MdpSource="$work/src/metadata-processor" -o "$mdp_dir"
  run_logged "$logs/nfbuild-build.log" dotnet build "$work/build/nfbuild-src/NfBuild.csproj" -c Release -nologo -o "$nfbuild_dir"
  echo "$METADATA_PROCESSOR_COMMIT $tools_hash" >"$mdp_dir/.stamp"
  echo "$tools_hash" >"$nfbuild_dir/.stamp"
fi
mdp() { dotnet "$mdp_dir/mdp.dll" "$@"; }
nfbuild() { dotnet "$nfbuild_dir/nfbuild.dll" "$@"; }

# convert DLL PE [isCoreLibrary]: the MetadataProcessor as nanoFramework's MSBuild task calls it, with a load hint for
# every assembly built so far. Microsoft.CodeAnalysis.EmbeddedAttribute (synthesized by the .NET 10 compiler, absent
# from nanoFramework's own builds of these libraries) is excluded: kept, it shifts every native method by one slot.
convert() {
  local dll=$1 pe=$2 core=${3:-false} hints=() f n
  for f in "$work"/lib/*.dll "$work"/lib/*.exe "$work"/out/core/*.dll; do
    [ -f "$f" ] || continue
    n=$(basename "$f"); n=${n%.*}
    [ "$f" = "$dll" ] || hints+=(-loadHints "$n" "$f")
  done
  mdp "${hints[@]}" -excludeClassByName Microsoft.CodeAnalysis.EmbeddedAttribute -parse "$dll" -compile "$pe" "$core" \
    >"$logs/mdp-$(basename "$pe").log" 2>&1 || { cat "$logs/mdp-$(basename "$pe").log" >&2; die "MetadataProcessor failed on $dll"; }
  note "$(grep '^mdp:' "$logs/mdp-$(basename "$pe").log" | tail -1)"
}

# ---------------------------------------------------------------------------------------------------------------------
step "libraries"
nuget_root=${NUGET_PACKAGES:-$HOME/.nuget/packages}
corelib=$nuget_root/nanoframework.corelibrary/$CORELIBRARY_VERSION/lib
[ -f "$corelib/mscorlib.dll" ] && [ -f "$corelib/mscorlib.pe" ] || die "no mscorlib.dll/.pe in $corelib (nfbuild's restore downloads nanoFramework.CoreLibrary $CORELIBRARY_VERSION)"
cp "$corelib/mscorlib.dll" "$corelib/mscorlib.pe" "$work/lib/"
note "mscorlib.dll + mscorlib.pe from NuGet nanoFramework.CoreLibrary $CORELIBRARY_VERSION"
# Self-check of the MetadataProcessor build: it must re-create the package's mscorlib.pe byte for byte.
mdp -parse "$corelib/mscorlib.dll" -compile "$work/build/mscorlib.check.pe" true >"$logs/mdp-mscorlib-check.log" 2>&1 \
  || { cat "$logs/mdp-mscorlib-check.log" >&2; die "MetadataProcessor failed on mscorlib.dll"; }
cmp -s "$work/build/mscorlib.check.pe" "$corelib/mscorlib.pe" || die "the MetadataProcessor built here does not re-create mscorlib.pe of nanoFramework.CoreLibrary $CORELIBRARY_VERSION byte for byte"
note "MetadataProcessor check: mscorlib.pe re-created byte for byte"
for entry in "${LIBRARIES[@]}"; do
  IFS='|' read -r lname lrepo lcommit lproj lversion <<<"$entry"
  proj=$work/src/$lrepo/$lproj
  [ -f "$proj" ] || die "$lname: no $lproj in $lrepo at $lcommit"
  read -r _ outfile < <(nfbuild name --project "$proj")
  # The version nanoFramework's build (Nerdbank.GitVersioning) would stamp: the tag's, .0.
  d=$(describe "$lrepo"); v=${d#v}; v=${v%%-*}
  [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && v=$v.0 || v=$lversion.0
  key="$lcommit $tools_hash $v"
  if fresh "$work/lib/$lname.stamp" "$key" && [ -f "$work/lib/$outfile" ] && [ -f "$work/lib/$lname.pe" ]; then
    note "$lname: up to date"
    continue
  fi
  nfbuild compile --project "$proj" --config Release --refs "$work/lib" --out "$work/lib" --version "$v" \
    >"$logs/compile-$lname.log" 2>&1 || { cat "$logs/compile-$lname.log" >&2; die "$lname does not compile"; }
  note "$(grep '^nfbuild: .* -> ' "$logs/compile-$lname.log" | sed "s|$work/||")"
  convert "$work/lib/$outfile" "$work/lib/$lname.pe"
  echo "$key" >"$work/lib/$lname.stamp"
done

# ---------------------------------------------------------------------------------------------------------------------
step "this repository ($(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo_root" diff --quiet HEAD 2>/dev/null || echo ', with local changes')), $config"
rm -rf "$work/out"
mkdir -p "$work/out/core"
compile_project() {
  local proj=$1 out=$2 label=$3
  nfbuild compile --project "$repo_root/$proj" --config "$config" --refs "$work/out/core" --refs "$work/lib" --out "$out" \
    >"$logs/compile-$label.log" 2>&1 || { cat "$logs/compile-$label.log" >&2; die "$proj does not compile against its references"; }
  note "$(grep '^nfbuild: .* -> ' "$logs/compile-$label.log" | sed -e "s|$work/||" -e 's/, defines .*, refs / refs /')"
}
compile_project "$CORE_PROJECT" "$work/out/core" core
read -r core_name core_file < <(nfbuild name --project "$repo_root/$CORE_PROJECT")
convert "$work/out/core/$core_file" "$work/out/core/$core_name.pe"
for area in "${selected[@]}"; do
  proj=$(ls "$repo_root"/Device.Tests/NanoFramework/"$area"/*.nfproj)
  compile_project "${proj#"$repo_root"/}" "$work/out/$area" "$area"
  read -r tname tfile < <(nfbuild name --project "$proj")
  convert "$work/out/$area/$tfile" "$work/out/$area/$tname.pe"
done

# ---------------------------------------------------------------------------------------------------------------------
step "running in nanoCLR ($nanoclr)"
# Counting: one "Test passed|failed|skipped,<Class.Method.i>,..." line per test. [Setup] and [Cleanup] methods print such
# lines too; they are not counted as tests, but a failed one counts as a failure. Tests that printed no line (the host
# died, or a [Setup] failed hard) count as failures ("not run"); tests of a class whose [Setup] was skipped count as
# skipped. The expected tests are read from the compiled assembly (nfbuild tests).
total_p=0 total_f=0 total_s=0 table=() failures=() skips=()
for area in "${selected[@]}"; do
  dir=$work/out/$area
  expected=$dir/expected.txt
  nfbuild tests "$dir/NFUnitTest.dll" >"$expected"
  deps=$(nfbuild closure "$dir/NFUnitTest.dll" --refs "$work/out/core" --refs "$work/lib") || die "$area: a dependency has no .pe"
  pes=("$work/lib/mscorlib.pe" "$work/lib/nanoFramework.UnitTestLauncher.pe" "$work/lib/nanoFramework.TestFramework.pe")
  for dep in $deps; do
    [ "$dep" = nanoFramework.TestFramework ] && continue
    if [ -f "$work/lib/$dep.pe" ]; then pes+=("$work/lib/$dep.pe"); else pes+=("$work/out/core/$dep.pe"); fi
  done
  pes+=("$dir/NFUnitTest.pe")
  log=$logs/run-$area.log
  printf '   %-14s running %s tests ...' "$area" "$(awk '$1=="test"{n+=$3} END{print n+0}' "$expected")"
  t0=$SECONDS rc=0
  timeout "$timeout_s" "$nanoclr" "${pes[@]}" >"$log" 2>&1 </dev/null || rc=$?
  printf ' %s s, exit %s\n' "$((SECONDS - t0))" "$rc"
  # awk prints: passed failed skipped notrun, then "F <line>" / "S <line>" / "N <name>" / "X <setup|cleanup failure>".
  result=$(awk -v expected="$expected" '
    BEGIN {
      while ((getline l < expected) > 0) {
        split(l, a, " "); kind[a[2]] = a[1]; runs[a[2]] = a[3]
        if (a[1] == "test") { want[a[2]] = a[3] }
      }
    }
    /^Test (passed|failed|skipped),/ {
      line = $0; sub(/\r$/, "", line)
      rest = substr(line, 6); status = substr(rest, 1, index(rest, ",") - 1)
      rest = substr(rest, length(status) + 2); name = substr(rest, 1, index(rest, ",") - 1)
      msg = substr(rest, length(name) + 2)
      method = name; sub(/\.[0-9]+$/, "", method)
      cls = method; sub(/\.[^.]*$/, "", cls)
      k = (method in kind) ? kind[method] : "test"
      if (k != "test") {
        if (status == "failed") { xf++; print "X " k " " name ": " msg }
        if (status == "skipped" && k == "setup") { setupskip[cls] = msg }
        next
      }
      got[method]++
      if (status == "passed") p++
      else if (status == "failed") { f++; print "F " name ": " msg }
      else { s++; print "S " name ": " msg }
    }
    END {
      for (m in want) {
        missing = want[m] - got[m]
        if (missing <= 0) continue
        c = m; sub(/\.[^.]*$/, "", c)
        if (c in setupskip) { s += missing; print "S " m " (its class [Setup] was skipped): " setupskip[c] }
        else { n += missing; print "N " m } 
      }
      printf "COUNTS %d %d %d %d %d\n", p, f, s, n, xf
    }' "$log")
  read -r _ p f s n xf < <(grep '^COUNTS ' <<<"$result")
  [ "$rc" -eq 124 ] && failures+=("$area: timed out after $timeout_s s")
  [ "$rc" -gt 128 ] && [ "$rc" -ne 124 ] && failures+=("$area: nanoCLR died with signal $((rc - 128)) (log: $log)")
  while IFS= read -r l; do
    case "$l" in
      "F "*|"X "*) failures+=("$area: ${l#? }") ;;
      "N "*) failures+=("$area: did not run: ${l#N }") ;;
      "S "*) skips+=("$area: ${l#S }") ;;
    esac
  done < <(grep -v '^COUNTS ' <<<"$result")
  fail=$((f + n + xf))
  table+=("$(printf '| %-14s | %6d | %6d | %7d | %7d |' "$area" "$p" "$fail" "$s" "$n")")
  total_p=$((total_p + p)) total_f=$((total_f + fail)) total_s=$((total_s + s))
  if [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; then total_f=$((total_f + 1)); failures+=("$area: nanoCLR exited $rc (log: $log)"); fi
done

step "result (nf-interpreter ${NF_INTERPRETER_COMMIT:0:9}, metadata-processor ${METADATA_PROCESSOR_COMMIT:0:7}, $config, $((SECONDS - started)) s)"
printf '| %-14s | %6s | %6s | %7s | %7s |\n' "test assembly" passed failed skipped "not run"
printf '|%s|%s|%s|%s|%s|\n' "----------------" "--------" "--------" "---------" "---------"
printf '%s\n' "${table[@]}"
if [ ${#skips[@]} -gt 0 ]; then echo; echo "skipped:"; printf '  %s\n' "${skips[@]}"; fi
if [ ${#failures[@]} -gt 0 ]; then echo; echo "failed:"; printf '  %s\n' "${failures[@]}"; fi
echo
echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" -eq 0 ] && [ "$total_p" -gt 0 ]
