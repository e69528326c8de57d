#!/usr/bin/env bash
# Runs every test suite of the project on this machine and ends with one line "N passed, N failed".
#   ./test.sh            all suites
#   ./test.sh --quick    skip the suites that start real brokers (core, portability and WPS host tests only)
# Suites: the shared firmware tests (MSTest twin of the nanoFramework test assemblies), the portability checker,
# the nanoFramework project check (real mscorlib compile, string tables, HintPaths), the libmosquitto binding,
# the reference broker, the end-to-end runs of the firmware core against it, and the WPS native code (CTest).
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

total_pass=0; total_fail=0
record() { # suite passed failed
  printf '%-48s %5s passed %5s failed\n' "$1" "$2" "$3" >> "$results/summary"
  total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
}

echo "== build (desktop projects; the .nfproj need Visual Studio with the nanoFramework extension)"
if dotnet build Mqtt2Go.Device.Desktop.slnf -c Release -nologo -v quiet > "$results/build.log" 2>&1; then
  echo "build ok"
else
  grep -E "error|Error" "$results/build.log" | sort -u | head -40
  record "build" 0 1
fi

for proj in $(git ls-files '*Tests*.csproj' 2>/dev/null || find . -name '*Tests*.csproj'); do
  name=$(basename "$proj" .csproj)
  case "$name" in
    *ReferenceBroker.Tests|*Mosquitto.Tests|*DeviceHost.Tests) [ $quick -eq 1 ] && continue ;;
  esac
  echo "== $name"
  log="$results/$name.log"
  # A hung test must not hang CI: VSTest's blame collector kills the run after 10 minutes without progress,
  # and the outer timeout bounds a suite whatever happens.
  timeout 1800 dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 10m --blame-hang-dump-type none > "$log" 2>&1
  rc=$?
  line=$(grep -E '^(Passed|Failed)!' "$log" | tail -1)
  p=$(echo "$line" | sed -nE 's/.*Passed: *([0-9]+).*/\1/p'); f=$(echo "$line" | sed -nE 's/.*Failed: *([0-9]+).*/\1/p')
  if [ -z "$line" ]; then p=0; f=1; tail -40 "$log"; fi
  [ $rc -ne 0 ] && [ "${f:-0}" -eq 0 ] && { f=1; tail -40 "$log"; }
  # Each failed test with its message (the first lines of its stack too), so a CI log says why, not only which.
  grep -E -A14 '^\s+Failed ' "$log" | grep -vE '^\s+at (System|Microsoft)\.' | head -120
  echo "$line"
  record "$name" "${p:-0}" "${f:-1}"
done

echo "== portability check of the core and the shared tests"
if dotnet run --project tools/Mqtt2Go.Portability -c Release --no-build -- \
     --context Device.Tests/NanoFramework/Common/TestPlatform.cs \
     --context Device.Tests/NanoFramework/Adapters/CertificatePlatform.cs Device.Firmware/Core Device.Tests/Shared; then
  record "portability (Core + Shared tests)" 1 0
else
  record "portability (Core + Shared tests)" 0 1
fi

echo "== nanoFramework projects: HintPaths, ProjectGuids, compile against the real mscorlib 1.17.11, string tables"
if dotnet run --project tools/Mqtt2Go.NanoCheck -c Release --no-build -- --root "$root"; then
  record "nanoFramework projects (NanoCheck)" 1 0
else
  record "nanoFramework projects (NanoCheck)" 0 1
fi

echo "== WPS native code (CTest, ESP-IDF faked)"
wps_build="$results/wps-build"
if cmake -S Device.Firmware/Wps/native -B "$wps_build" -DCMAKE_BUILD_TYPE=Debug > "$results/wps.log" 2>&1 \
   && cmake --build "$wps_build" -j2 >> "$results/wps.log" 2>&1; then
  ctest --test-dir "$wps_build" --output-on-failure --timeout 300 > "$results/ctest.log" 2>&1
  cat "$results/ctest.log" | tail -15
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$results/ctest.log")
  n=$(echo "$line" | sed -nE 's/.*out of ([0-9]+).*/\1/p'); f=$(echo "$line" | sed -nE 's/.* ([0-9]+) tests failed.*/\1/p')
  if [ -n "$n" ]; then record "WPS native (ctest)" $((n - f)) "$f"; else record "WPS native (ctest)" 0 1; fi
else
  tail -30 "$results/wps.log"; record "WPS native (ctest build)" 0 1
fi

echo
echo "== summary"
cat "$results/summary"
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
