#!/usr/bin/env bash
# Flash an ESP32 for Mqtt2Go.Device: nanoCLR firmware, the application, and the factory identity files on I:\.
# Every step is a plain nanoff call (nanoframework/nanoFirmwareFlasher); docs/flashing.md explains each one.
# Usage: tools/flash/flash.sh --port PORT --target TARGET [--step all|firmware|app|files] [--image APP.bin]
#        [--deploy-json DIR/deploy.json] [--clrfile nanoCLR.bin] [--fwversion V] [--address 0x...] [--masserase]
#        [--no-native-check] [--dry-run]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

port=""
target=""
step="all"
image=""
deploy_json=""
clrfile=""
address=""
masserase="no"
dry_run="no"
native_check="yes"
# The nanoCLR version pinned for the packages of Device.Firmware/packages.config, once a board owner has verified a pair.
fwversion=""
if [ -f "$here/nanoclr-version" ]; then fwversion=$(tr -d ' \r\n' < "$here/nanoclr-version"); fi

usage() {
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
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
    --fwversion) fwversion="${2:-}"; shift 2 ;;
    --no-native-check) native_check="no"; shift ;;
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

# The checks around nanoff (tools/Mqtt2Go.Flash, tests in tools/Mqtt2Go.Flash.Tests): exit 1 = refuse, reason on stderr.
# MQTT2GO_FLASH_CHECK replaces the command (the script tests point it at the built Mqtt2Go.Flash.dll).
check() {
  echo "+ check: $*"
  if [ "$dry_run" = "no" ]; then
    if [ -n "${MQTT2GO_FLASH_CHECK:-}" ]; then
      $MQTT2GO_FLASH_CHECK "$@"
    else
      dotnet run --project "$repo/tools/Mqtt2Go.Flash" -c Release -- "$@"
    fi
  fi
}

# Runs nanoff, shows its output and keeps a copy in $2 (nanoff's exit code alone is not enough, see below).
run_capture() {
  local out="$1"; shift
  echo "+ $*"
  if [ "$dry_run" = "no" ]; then
    "$@" 2>&1 | tee "$out"
    return "${PIPESTATUS[0]}"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
  if [ -n "$clrfile" ]; then args+=(--clrfile "$clrfile"); elif [ -n "$fwversion" ]; then args+=(--fwversion "$fwversion"); fi
  if [ "$masserase" = "yes" ]; then args+=(--masserase); fi
  run "${args[@]}"
fi

# 2. The application image (Mqtt2Go.Device.Firmware.bin from the nfproj build: the app plus every referenced .pe).
if [ "$step" = "all" ] || [ "$step" = "app" ]; then
  [ -n "$image" ] || { echo "flash.sh: --image is required to deploy the app (Device.Firmware/bin/Release/Mqtt2Go.Device.Firmware.bin, or Device.Firmware/Stock/bin/Release/... for a stock image)" >&2; exit 2; }
  # Before deploying: the board's native assemblies must match every .pe of the build (its output folder holds the .pe
  # files of the restored packages). A mismatch would stop the app at load ("Invalid native checksum"); a WPS build on a
  # stock image lacks Mqtt2Go.Wps. nanoff --devicedetails needs nanoCLR running; --no-native-check skips this (ROM path).
  if [ "$native_check" = "yes" ]; then
    run_capture "$work/devicedetails.txt" nanoff --nanodevice --devicedetails --serialport "$port" \
      || { echo "flash.sh: nanoff --devicedetails failed; is nanoCLR running? (--no-native-check to deploy anyway)" >&2; exit 1; }
    check check-natives --device-details "$work/devicedetails.txt" --pe-dir "$(dirname "$image")" \
      --target "${target:-<TARGET>}" --port "$port" --fwversion "$fwversion" \
      || { echo "flash.sh: not deploying" >&2; exit 1; }
  fi
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
  # nanoff exits 0 even when a file failed (FileDeploymentManager.DeployAsync returns OK after "Error deploying content
  # file ..."), so its output is checked: every written file must be confirmed with "OK".
  run_capture "$work/filedeployment.txt" nanoff --filedeployment "$deploy_json" --serialport "$port" \
    || { echo "flash.sh: nanoff --filedeployment failed" >&2; exit 1; }
  check check-files --deploy-json "$deploy_json" --nanoff-output "$work/filedeployment.txt" \
    || { echo "flash.sh: the identity files are NOT all on the board" >&2; exit 1; }
fi
