<#
  Records one Windows PC as a zhengban test fixture. For an IT person on a real PC.

  Usage (an administrator PowerShell or cmd window; works on PowerShell 2.0 and later):

    powershell -NoProfile -ExecutionPolicy Bypass -File record-windows-fixture.ps1 -Out D:\win7-office2010 `
        -Description "Win7 SP1 x64, Office 2010 Pro Plus volume, 360 antivirus, finance office"

    -Out                 folder to write to (created when missing)
    -Script              path of inventory.ps1 (default: the agent's copy next to this script:
                         ..\agent\resources\windows\inventory.ps1 or .\resources\windows\inventory.ps1)
    -Description         what the PC is; goes into case.md
    -WithNativeExports   also write `reg export` files of the Uninstall, Office, Kingsoft and
                         SoftwareProtectionPlatform keys, and `wmic … /format:list` outputs of
                         SoftwareLicensingProduct, OfficeSoftwareProtectionProduct and
                         AntiVirusProduct, as Windows writes them (UTF-16LE)

  Writes <Out>\inventory.json (anonymised), case.md, and with -WithNativeExports the
  *.reg and *.txt files (anonymised the same way). Anonymisation: host name -> PC-ANON;
  BIOS serial, system UUID and MachineGuid removed; user SIDs -> S-1-5-21-ANON-<n>-1001;
  user names in paths -> %USERNAME%. Kept on purpose: the last 5 characters of product
  keys and KMS host names (they are the evidence), the domain name. Read the files
  before you send them: free-text fields written by installers are not checked.
#>
param(
  [Parameter(Mandatory = $true)][string]$Out,
  [string]$Script = '',
  [string]$Description = '',
  [switch]$WithNativeExports
)

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path

$WindowsAppId = '55c92734-d682-4d71-983e-d6ec3f16059f'
$OfficeAppId = '0ff1ce15-a989-479d-af46-f275c6370663'
$Office2010AppId = '59a52881-a989-479d-af46-f275c6370663'
# Windows 7 lacks ProductKeyChannel, LicenseIsAddon and the discovered KMS address.
$SppPropsFull = 'ID,Name,Description,ApplicationID,LicenseFamily,LicenseStatus,LicenseStatusReason,LicenseIsAddon,GracePeriodRemaining,PartialProductKey,ProductKeyChannel,ProductKeyID,EvaluationEndDate,KeyManagementServiceMachine,KeyManagementServicePort,DiscoveredKeyManagementServiceMachineName,DiscoveredKeyManagementServiceMachinePort,DiscoveredKeyManagementServiceMachineIpAddress,KeyManagementServiceProductKeyID,VLActivationType,VLActivationInterval,VLRenewalInterval,TokenActivationILVID'
$SppPropsWin7 = 'ID,Name,Description,ApplicationID,LicenseFamily,LicenseStatus,LicenseStatusReason,GracePeriodRemaining,PartialProductKey,ProductKeyID,EvaluationEndDate,KeyManagementServiceMachine,KeyManagementServicePort,DiscoveredKeyManagementServiceMachineName,DiscoveredKeyManagementServiceMachinePort,KeyManagementServiceProductKeyID,VLActivationInterval,VLRenewalInterval'

$RegExports = @(
  @('uninstall-hklm.reg', 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'),
  @('uninstall-hklm-wow6432.reg', 'HKLM\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall'),
  @('uninstall-hkcu.reg', 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall'),
  @('office-hklm.reg', 'HKLM\SOFTWARE\Microsoft\Office'),
  @('office-hklm-wow6432.reg', 'HKLM\SOFTWARE\Wow6432Node\Microsoft\Office'),
  @('kingsoft-hklm.reg', 'HKLM\SOFTWARE\Kingsoft'),
  @('kingsoft-hklm-wow6432.reg', 'HKLM\SOFTWARE\Wow6432Node\Kingsoft'),
  @('spp-hklm.reg', 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform'),
  @('spp-networkservice.reg', 'HKU\S-1-5-20\Software\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform'),
  @('ospp-hklm.reg', 'HKLM\SOFTWARE\Microsoft\OfficeSoftwareProtectionPlatform'))

function Find-InventoryScript {
  if ($Script) { return $Script }
  foreach ($rel in @('..\agent\resources\windows\inventory.ps1', 'resources\windows\inventory.ps1', 'inventory.ps1')) {
    $p = Join-Path $Here $rel
    if (Test-Path -LiteralPath $p) { return (Resolve-Path -LiteralPath $p).ProviderPath }
  }
  throw 'inventory.ps1 not found; pass -Script <path>'
}

function Get-PowerShellExe {
  foreach ($dir in @('Sysnative', 'System32')) {
    $p = Join-Path $env:SystemRoot "$dir\WindowsPowerShell\v1.0\powershell.exe"
    if ([IO.File]::Exists($p)) { return $p }
  }
  return 'powershell.exe'
}

# Same rules for JSON (paths as C:\\Users\\x, Chinese as \uXXXX) and for reg/wmic text.
$script:SidMap = @{}
function Protect-Text([string]$Text, [string[]]$HostNames) {
  $t = [regex]::Replace($Text, 'S-1-(?:5-21|12-1)-\d+-\d+-\d+(?:-\d+)?', {
      param($m)
      $key = $m.Value
      if (-not $script:SidMap.ContainsKey($key)) { $script:SidMap[$key] = 'S-1-5-21-ANON-' + ($script:SidMap.Count + 1) + '-1001' }
      return $script:SidMap[$key]
    })
  $t = [regex]::Replace($t,
    '(?i)((?:\\\\|\\)(?:Users|Documents and Settings)(?:\\\\|\\))(?!(?:Public|Default|Default User|All Users)(?:\\|"|\r|\n))((?:\\u[0-9a-fA-F]{4}|[^\\"\r\n])+)',
    '$1%USERNAME%')
  foreach ($h in $HostNames) {
    if ($h) { $t = [regex]::Replace($t, '(?i)(?<![\w-])' + [regex]::Escape($h) + '(?![\w-])', 'PC-ANON') }
  }
  return $t
}

function Protect-InventoryJson([string]$Json) {
  $hostName = $null
  $m = [regex]::Match($Json, '"Hostname":"((?:[^"\\]|\\.)*)"')
  if ($m.Success) { $hostName = $m.Groups[1].Value }
  foreach ($field in @('SerialNumber', 'UUID', 'MachineGuid')) {
    $Json = [regex]::Replace($Json, '"' + $field + '":"(?:[^"\\]|\\.)*"', '"' + $field + '":null')
  }
  $script:HostNames = @($hostName, $env:COMPUTERNAME)
  return (Protect-Text $Json $script:HostNames)
}

function Write-NativeExports([string]$Dir) {
  $ErrorActionPreference = 'Continue'
  foreach ($e in $RegExports) {
    $file = Join-Path $Dir $e[0]
    & reg.exe export $e[1] $file /y 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Host "skipped $($e[1]) (not present)" }
  }
  # cmd's > keeps wmic's own UTF-16LE output, which PowerShell would re-encode.
  $batch = @(
    '@echo off',
    "cd /d `"$Dir`"",
    "wmic path SoftwareLicensingProduct where `"(ApplicationID='$WindowsAppId' or ApplicationID='$OfficeAppId') and PartialProductKey is not null`" get $SppPropsFull /format:list > wmic-spp.txt 2>nul || wmic path SoftwareLicensingProduct where `"(ApplicationID='$WindowsAppId' or ApplicationID='$OfficeAppId') and PartialProductKey is not null`" get $SppPropsWin7 /format:list > wmic-spp.txt 2>nul",
    "wmic path OfficeSoftwareProtectionProduct where `"(ApplicationID='$OfficeAppId' or ApplicationID='$Office2010AppId') and PartialProductKey is not null`" get $SppPropsWin7 /format:list > wmic-ospp.txt 2>nul",
    'wmic /namespace:\\root\SecurityCenter2 path AntiVirusProduct get displayName,instanceGuid,pathToSignedProductExe,pathToSignedReportingExe,productState,timestamp /format:list > wmic-antivirus.txt 2>nul',
    'exit /b 0')
  $cmdFile = Join-Path $Dir '_record.cmd'
  [IO.File]::WriteAllLines($cmdFile, [string[]]$batch, [Text.Encoding]::ASCII)
  & cmd.exe /c $cmdFile | Out-Null
  Remove-Item -LiteralPath $cmdFile -Force
  foreach ($f in @(Get-ChildItem -Path $Dir -Force | Where-Object { $_.Name -match '\.(reg|txt)$' })) {
    if ($f.Length -eq 0) { Remove-Item -LiteralPath $f.FullName -Force; continue }
    $text = [IO.File]::ReadAllText($f.FullName)
    [IO.File]::WriteAllText($f.FullName, (Protect-Text $text $script:HostNames), [Text.Encoding]::Unicode)
  }
}

function Get-JsonText([string]$Json, [string]$Field) {
  $m = [regex]::Match($Json, '"' + $Field + '":"((?:[^"\\]|\\.)*)"')
  if (-not $m.Success) { return '' }
  return [regex]::Replace($m.Groups[1].Value, '\\u([0-9a-fA-F]{4})', { param($x) [string][char][Convert]::ToInt32($x.Groups[1].Value, 16) }).Replace('\\', '\')
}

function Write-CaseNote([string]$Dir, [string]$Json) {
  $lines = @(
    '# Windows fixture case',
    '',
    "- Recorded: $([DateTime]::Now.ToString('yyyy-MM-dd'))",
    "- Windows: $(Get-JsonText $Json 'Caption') $(Get-JsonText $Json 'Version') (build $(Get-JsonText $Json 'BuildNumber'), $(Get-JsonText $Json 'OSArchitecture'))",
    "- PowerShell: $($PSVersionTable.PSVersion)",
    "- Machine: $(Get-JsonText $Json 'Manufacturer') $(Get-JsonText $Json 'Model')",
    "- What this PC is: $Description",
    "- Native exports: $([bool]$WithNativeExports)",
    '',
    'Recorded with scripts/record-windows-fixture.ps1; anonymised (host name, serials, SIDs, user names).')
  [IO.File]::WriteAllLines((Join-Path $Dir 'case.md'), [string[]]$lines, (New-Object Text.UTF8Encoding $false))
}

if (-not (Test-Path -LiteralPath $Out)) { New-Item -ItemType Directory -Path $Out | Out-Null }
$outDir = (Resolve-Path -LiteralPath $Out).ProviderPath
$inventory = Find-InventoryScript
Write-Host "running $inventory (this can take a minute: the licensing query wakes the Software Protection service)"
$raw = [string]::Join("`n", @(& (Get-PowerShellExe) -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $inventory))
if (-not $raw.Trim().StartsWith('{')) { throw "inventory.ps1 printed no JSON document: $($raw.Substring(0, [Math]::Min(300, $raw.Length)))" }
$json = Protect-InventoryJson $raw.Trim()
[IO.File]::WriteAllText((Join-Path $outDir 'inventory.json'), $json + "`n", (New-Object Text.UTF8Encoding $false))
if ($WithNativeExports) { Write-NativeExports $outDir }
Write-CaseNote $outDir $json
Write-Host "written to $outDir"
