#!/usr/bin/env bash
# The README's main command: the whole MQTT2GO provisioning of one simulated device (the firmware's portable core,
# unchanged) against the reference broker on real mosquitto, with embedded defaults, on loopback only.
#   ./demo.sh                    remote branch: mDNS finds no gateway, Discovery, cloud broker
#   ./demo.sh --local-gateway    local branch: the reference broker also answers mqtt2go.local
#   ./demo.sh --no-wps           a stock image without WPS: the gateway's guest network gives the home network (MQTT2GO 1.1)
#   ./demo.sh --access-point     a stock image without WPS and no gateway: a phone sends the home network on the device's own access point
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-deps.sh
build_log=$(mktemp)
trap 'rm -f "$build_log"' EXIT
if ! dotnet build tools/Mqtt2Go.DeviceHost -c Release -nologo -v quiet > "$build_log" 2>&1; then
  cat "$build_log"; echo "demo: the build failed (output above)"; exit 1
fi
dotnet run --project tools/Mqtt2Go.DeviceHost -c Release --no-build -- demo "$@"
