<#
.SYNOPSIS
  Flash an ESP32 for Mqtt2Go.Device: nanoCLR firmware, the application, and the factory identity files on I:\.
.DESCRIPTION
  Same steps and checks as flash.sh (nanoff calls; before deploying, the board's native assemblies are compared with the
  build's .pe files, and nanoff's file-deployment output is checked, by tools/Mqtt2Go.Flash). See docs/flashing.md.
.EXAMPLE
  tools\flash\flash.ps1 -Port COM5 -Target ESP32_REV0 -Image Device.Firmware\bin\Release\Mqtt2Go.Device.Firmware.bin -DeployJson C:\m2g\dev-0001\deploy.json
#>
param(
    [Parameter(Mandatory = $true)][string]$Port,
    [string]$Target = "",
    [ValidateSet("all", "firmware", "app", "files")][string]$Step = "all",
    [string]$Image = "",
    [string]$DeployJson = "",
    [string]$ClrFile = "",
    [string]$Address = "",
    [string]$FwVersion = "",
    [switch]$MassErase,
    [switch]$NoNativeCheck,
    [switch]$DryRun
)

$ErrorActionPreference = "Stop"
$Repo = Resolve-Path (Join-Path $PSScriptRoot "..\..")

# The nanoCLR version pinned for the packages of Device.Firmware\packages.config, once a board owner has verified a pair.
$PinFile = Join-Path $PSScriptRoot "nanoclr-version"
if (-not $FwVersion -and (Test-Path $PinFile)) { $FwVersion = (Get-Content $PinFile -Raw).Trim() }

# Runs nanoff, shows its output and returns it (nanoff's exit code alone is not enough for file deployment).
function Invoke-Capture([string[]]$Arguments) {
    Write-Host ("+ " + ($Arguments -join " "))
    if ($DryRun) { return "" }
    $output = & $Arguments[0] $Arguments[1..($Arguments.Length - 1)] 2>&1 | Out-String
    Write-Host $output
    if ($LASTEXITCODE -ne 0) { throw "$($Arguments[0]) failed with exit code $LASTEXITCODE" }
    return $output
}

# The checks of tools/Mqtt2Go.Flash: exit 1 = refuse (the reason is printed).
function Invoke-Check([string[]]$Arguments) {
    Write-Host ("+ check: " + ($Arguments -join " "))
    if ($DryRun) { return }
    & dotnet run --project (Join-Path $Repo "tools\Mqtt2Go.Flash") -c Release -- @Arguments
    if ($LASTEXITCODE -ne 0) { throw "flash.ps1: refused ($($Arguments[0]))" }
}

function Invoke-Step([string[]]$Arguments) {
    Write-Host ("+ " + ($Arguments -join " "))
    if (-not $DryRun) {
        & $Arguments[0] $Arguments[1..($Arguments.Length - 1)]
        if ($LASTEXITCODE -ne 0) { throw "$($Arguments[0]) failed with exit code $LASTEXITCODE" }
    }
}

# Deploy partition start per chip family in nf-interpreter's partition tables (targets/ESP32/_IDF/*/partitions_nanoclr_*.csv,
# a3e8139): classic ESP32 0x1E0000 (since Sep 2025), S2/S3/C3/P4 0x1B0000, C5/C6/C61 0x250000, H2 0x1C0000.
# nanoff's own default is 0x1B0000 (nanoFirmwareFlasher.Library/Esp32Firmware.cs), which lies inside nanoCLR on classic ESP32.
function Get-DefaultAddress([string]$Name) {
    if ($Name -like "ESP32_C5*" -or $Name -like "ESP32_C6*") { return "0x250000" }
    if ($Name -like "ESP32_H2*") { return "0x1C0000" }
    if ($Name -like "ESP32_C3*" -or $Name -like "ESP32_S2*" -or $Name -like "ESP32_S3*" -or $Name -like "ESP32_P4*" -or $Name -eq "AtomS3") { return "0x1B0000" }
    return "0x1E0000"
}

# 0. nanoff, the .NET global tool.
if (-not (Get-Command nanoff -ErrorAction SilentlyContinue)) {
    Invoke-Step @("dotnet", "tool", "install", "-g", "nanoff")
    $env:PATH = "$env:PATH;$env:USERPROFILE\.dotnet\tools"
}

# 1. nanoCLR firmware (stock image for Target, or a custom image with the WPS interop, docs/wps-interop.md).
if ($Step -eq "all" -or $Step -eq "firmware") {
    if (-not $Target) { throw "-Target is required to flash firmware (e.g. ESP32_REV0)" }
    $arguments = @("nanoff", "--update", "--target", $Target, "--serialport", $Port)
    if ($ClrFile) { $arguments += @("--clrfile", $ClrFile) } elseif ($FwVersion) { $arguments += @("--fwversion", $FwVersion) }
    if ($MassErase) { $arguments += "--masserase" }
    Invoke-Step $arguments
}

# 2. The application image (Mqtt2Go.Device.Firmware.bin from the nfproj build: the app plus every referenced .pe).
if ($Step -eq "all" -or $Step -eq "app") {
    if (-not $Image) { throw "-Image is required to deploy the app (Device.Firmware\bin\Release\Mqtt2Go.Device.Firmware.bin, or Device.Firmware\Stock\bin\Release\... for a stock image)" }
    if (-not $NoNativeCheck) {
        # The board's native assemblies must match every .pe of the build (its folder holds the restored packages' .pe files).
        $details = Invoke-Capture @("nanoff", "--nanodevice", "--devicedetails", "--serialport", $Port)
        $detailsFile = New-TemporaryFile
        try {
            Set-Content -Path $detailsFile -Value $details
            $targetName = if ($Target) { $Target } else { "<TARGET>" }
            Invoke-Check @("check-natives", "--device-details", $detailsFile, "--pe-dir", (Split-Path $Image -Parent), "--target", $targetName, "--port", $Port, "--fwversion", $FwVersion)
        }
        finally { Remove-Item $detailsFile -ErrorAction SilentlyContinue }
    }
    if ($Address) {
        # Through the ROM bootloader at an explicit address (check the partition table of the firmware you flashed).
        if (-not $Target) { throw "-Target is required with -Address" }
        Invoke-Step @("nanoff", "--target", $Target, "--serialport", $Port, "--deploy", "--image", $Image, "--address", $Address)
    }
    else {
        # Through the running nanoCLR, which reports its own deployment address (NanoDeviceOperations.DeployApplication).
        $fallbackTarget = if ($Target) { $Target } else { "ESP32_REV0" }
        Write-Host "flash.ps1: deploying over the wire protocol; if nanoCLR does not answer, rerun with -Address $(Get-DefaultAddress $fallbackTarget)"
        Invoke-Step @("nanoff", "--nanodevice", "--deploy", "--serialport", $Port, "--image", $Image)
    }
}

# 3. Factory identity files to I:\ (identity.json, trust-anchor.der, factory-cert.der, factory-key.der) from Mqtt2Go.Identity.
if ($Step -eq "all" -or $Step -eq "files") {
    if (-not $DeployJson) { throw "-DeployJson is required (the deploy.json written by Mqtt2Go.Identity)" }
    if (-not $DryRun -and -not (Test-Path $DeployJson)) { throw "$DeployJson not found" }
    # nanoff exits 0 even when a file failed (FileDeploymentManager.DeployAsync): every written file must be confirmed "OK".
    $output = Invoke-Capture @("nanoff", "--filedeployment", $DeployJson, "--serialport", $Port)
    if (-not $DryRun) {
        $outputFile = New-TemporaryFile
        try {
            Set-Content -Path $outputFile -Value $output
            Invoke-Check @("check-files", "--deploy-json", $DeployJson, "--nanoff-output", $outputFile)
        }
        finally { Remove-Item $outputFile -ErrorAction SilentlyContinue }
    }
}
