#!/usr/bin/env bash
# Flash an ESP32 for Mqtt2Go.Device: nanoCLR firmware, the application, and the factory identity files on I:\.
# Every step is a plain nanoff call (nanoframework/nanoFirmwareFlasher); docs/flashing.md explains each one.
# Usage: tools/flash/flash.sh --port PORT --target TARGET [--step all|firmware|app|files] [--image APP.bin]
#        [--deploy-json DIR/deploy.json] [--clrfile nanoCLR.bin] [--address 0x...] [--masserase] [--dry-run]
set -euo pipefail

port=""
target=""
step="all"
image=""
deploy_json=""
clrfile=""
address=""
masserase="no"
dry_run="no"

usage() {
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:-}"; shift 2 ;;
    --target) target="${2:-}"; shift 2 ;;
    --step) step="${2:-}"; shift 2 ;;
    --image) image="${2:-}"; shift 2 ;;
    --deploy-json) deploy_json="${2:-}"; shift 2 ;;
    --clrfile) clrfile="${2:-}"; shift 2 ;;
    --address) address="${2:-}"; shift 2 ;;
    --masserase) masserase="yes"; shift ;;
    --dry-run) dry_run="yes"; shift ;;
    -h|--help) usage ;;
    *) echo "flash.sh: unknown argument: $1" >&2; usage ;;
  esac
done

[ -n "$port" ] || { echo "flash.sh: --port is required (e.g. /dev/ttyUSB0)" >&2; exit 2; }
case "$step" in all|firmware|app|files) ;; *) echo "flash.sh: --step must be all, firmware, app or files" >&2; exit 2 ;; esac

run() {
  echo "+ $*"
  if [ "$dry_run" = "no" ]; then
    "$@"
  fi
}

# Deploy partition start per chip family in nf-interpreter's partition tables (targets/ESP32/_IDF/*/partitions_nanoclr_*.csv,
# a3e8139): classic ESP32 0x1E0000 (since Sep 2025), S2/S3/C3/P4 0x1B0000, C5/C6/C61 0x250000, H2 0x1C0000.
# nanoff's own default is 0x1B0000 (nanoFirmwareFlasher.Library/Esp32Firmware.cs), which lies inside nanoCLR on classic ESP32.
default_address() {
  case "$1" in
    ESP32_C5*|ESP32_C6*|ESP32_C61*) echo "0x250000" ;;
    ESP32_H2*) echo "0x1C0000" ;;
    ESP32_C3*|ESP32_S2*|ESP32_S3*|ESP32_P4*|AtomS3) echo "0x1B0000" ;;
    *) echo "0x1E0000" ;;
  esac
}

# 0. nanoff, the .NET global tool.
if ! command -v nanoff >/dev/null 2>&1; then
  run dotnet tool install -g nanoff
  export PATH="$PATH:$HOME/.dotnet/tools"
fi

# 1. nanoCLR firmware (stock image for TARGET, or a custom image with the WPS interop, docs/wps-interop.md).
if [ "$step" = "all" ] || [ "$step" = "firmware" ]; then
  [ -n "$target" ] || { echo "flash.sh: --target is required to flash firmware (e.g. ESP32_REV0)" >&2; exit 2; }
  args=(nanoff --update --target "$target" --serialport "$port")
  if [ -n "$clrfile" ]; then args+=(--clrfile "$clrfile"); fi
  if [ "$masserase" = "yes" ]; then args+=(--masserase); fi
  run "${args[@]}"
fi

# 2. The application image (Mqtt2Go.Device.Firmware.bin from the nfproj build: the app plus every referenced .pe).
if [ "$step" = "all" ] || [ "$step" = "app" ]; then
  [ -n "$image" ] || { echo "flash.sh: --image is required to deploy the app (Device.Firmware/bin/Release/Mqtt2Go.Device.Firmware.bin)" >&2; exit 2; }
  if [ -n "$address" ]; then
    # Through the ROM bootloader at an explicit address (check the partition table of the firmware you flashed).
    [ -n "$target" ] || { echo "flash.sh: --target is required with --address" >&2; exit 2; }
    run nanoff --target "$target" --serialport "$port" --deploy --image "$image" --address "$address"
  else
    # Through the running nanoCLR, which reports its own deployment address (NanoDeviceOperations.DeployApplication).
    echo "flash.sh: deploying over the wire protocol; if nanoCLR does not answer, rerun with --address $(default_address "${target:-ESP32_REV0}")"
    run nanoff --nanodevice --deploy --serialport "$port" --image "$image"
  fi
fi

# 3. Factory identity files to I:\ (identity.json, trust-anchor.der, factory-cert.der, factory-key.der) from Mqtt2Go.Identity.
if [ "$step" = "all" ] || [ "$step" = "files" ]; then
  [ -n "$deploy_json" ] || { echo "flash.sh: --deploy-json is required (the deploy.json written by Mqtt2Go.Identity)" >&2; exit 2; }
  [ -f "$deploy_json" ] || [ "$dry_run" = "yes" ] || { echo "flash.sh: $deploy_json not found" >&2; exit 2; }
  run nanoff --filedeployment "$deploy_json" --serialport "$port"
fi
