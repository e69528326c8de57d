#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian machine that has only the .NET SDK, gcc and cmake:
# mosquitto (brokers started by the tests themselves), libmosquitto1 (the desktop MQTT client), openssl, and g++,
# cmake and GoogleTest for the WPS host tests, and PostgreSQL (the store tests start their own server from
# /usr/lib/postgresql/<version>/bin; the package's system cluster is not used).
set -euo pipefail
need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_ctrl >/dev/null 2>&1 || need+=(mosquitto-clients)
ldconfig -p 2>/dev/null | grep -q 'libmosquitto.so.1 ' || need+=(libmosquitto1)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The WPS host tests (CTest) are C and C++ with GoogleTest: Debian's gcc package has no g++.
command -v g++ >/dev/null 2>&1 || need+=(g++)
dpkg -s libgtest-dev >/dev/null 2>&1 || [ -f /usr/local/lib/cmake/GTest/GTestConfig.cmake ] || need+=(libgtest-dev)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
# The device grants plugin for mosquitto (tools/mosquitto-grants): broker plugin headers, cJSON, uthash.
[ -f /usr/include/mosquitto_plugin.h ] || need+=(mosquitto-dev)
[ -f /usr/include/mosquitto.h ] || need+=(libmosquitto-dev)
[ -f /usr/include/cjson/cJSON.h ] || need+=(libcjson-dev)
[ -f /usr/include/uthash.h ] || need+=(uthash-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # Debian's package tries to start a system broker on 1883; nothing here uses it (tests pick free ports).
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# Build the grants plugin into artifacts/mosquitto-grants (git-ignored), where Mqtt2Go.Mosquitto finds it; again only
# when a source is newer than the built file.
root=$(cd "$(dirname "$0")/.." && pwd)
plugin="$root/artifacts/mosquitto-grants/mqtt2go_grants.so"
if [ ! -f "$plugin" ] || [ -n "$(find "$root/tools/mosquitto-grants" -newer "$plugin" -type f 2>/dev/null)" ]; then
  build="$root/artifacts/mosquitto-grants/build"; mkdir -p "$build"
  if ! { cmake -S "$root/tools/mosquitto-grants" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$build.log" 2>&1 \
         && cmake --build "$build" >>"$build.log" 2>&1 && cp "$build/mqtt2go_grants.so" "$plugin.tmp" && mv "$plugin.tmp" "$plugin"; }; then
    cat "$build.log" >&2; echo "ensure-deps: building the mosquitto grants plugin failed (output above)" >&2; exit 1
  fi
fi
# The system broker the package may have started is not ours; leave it, it listens on 1883 only.
echo "ensure-deps: mosquitto $(/usr/sbin/mosquitto -h 2>/dev/null | head -1 | awk '{print $3}'), libmosquitto1 present, PostgreSQL $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sed -E 's#.*/postgresql/([0-9]+)/bin#\1#' | sort -n | tail -1)"
