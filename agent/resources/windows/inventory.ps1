<#
  zhengban Windows inventory: prints ONE JSON document (WindowsInventory, format 1,
  origin 'script'; schema in agent/src/collectors/windows/inventory.schema.ts).

  Runs unchanged on Windows PowerShell 2.0 (Windows 7 SP1 as shipped) up to 5.1 and on
  PowerShell 7, hence: no ConvertTo-Json (PS 3+), no [ordered], no ::new(), no -in, no
  .Where(), no member enumeration on arrays. Registry reads use .NET RegistryKey, which
  is faster than the registry provider and sees Wow6432Node by explicit path.

  Reports raw findings only; agent/src/collectors/windows/*.parse.ts decides what they
  mean. Every section has its own try/catch: a failed query adds {source, message} to
  `errors` and the scan goes on. Exit code is 0 even with section errors.

  Never reads out product keys, serials of WPS, e-mail addresses or user names:
  only whether they are present. Paths it lists as found (task actions, service and
  process command lines) can hold a profile folder's name; the agent replaces it with
  %USERNAME% before anything leaves the PC. Never queries Win32_Product (it triggers
  MSI consistency checks and repairs on every installed package).

  `observed` lists what runs and lies on the PC whole (every service, process, task
  outside \Microsoft\, top folder of Program Files and ProgramData), not only known
  names: the collector's catalog decides which of it an activator left.
#>

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'
$ScriptPath = $MyInvocation.MyCommand.Path

# ---------------------------------------------------------------------------- data

$WindowsAppId = '55c92734-d682-4d71-983e-d6ec3f16059f'
$OfficeAppId = '0ff1ce15-a989-479d-af46-f275c6370663'
$Office2010AppId = '59a52881-a989-479d-af46-f275c6370663'

# Filtered on purpose: an unfiltered SoftwareLicensingProduct query enumerates every
# SKU licence (hundreds of rows) and can take over 30 s.
$SppProductQuery = "FROM SoftwareLicensingProduct WHERE (ApplicationID='$WindowsAppId' OR ApplicationID='$OfficeAppId') AND PartialProductKey IS NOT NULL"
$OsppProductQuery = "FROM OfficeSoftwareProtectionProduct WHERE (ApplicationID='$OfficeAppId' OR ApplicationID='$Office2010AppId') AND PartialProductKey IS NOT NULL"

$LicensingRowProps = @(
  'ID', 'Name', 'Description', 'ApplicationID', 'LicenseFamily', 'LicenseStatus', 'LicenseStatusReason',
  'LicenseIsAddon', 'GracePeriodRemaining', 'PartialProductKey', 'ProductKeyChannel', 'ProductKeyID',
  'EvaluationEndDate', 'KeyManagementServiceMachine', 'KeyManagementServicePort',
  'DiscoveredKeyManagementServiceMachineName', 'DiscoveredKeyManagementServiceMachinePort',
  'DiscoveredKeyManagementServiceMachineIpAddress', 'KeyManagementServiceProductKeyID',
  'VLActivationType', 'VLActivationInterval', 'VLRenewalInterval', 'TokenActivationILVID')

# OA3xOriginalProductKey is queried only to report whether it is empty.
$LicensingServiceProps = @(
  'Version', 'KeyManagementServiceMachine', 'KeyManagementServicePort',
  'DiscoveredKeyManagementServiceMachineName', 'OA3xOriginalProductKey',
  'OA3xOriginalProductKeyDescription', 'SubscriptionType', 'SubscriptionStatus', 'SubscriptionEdition')

$DefenderProps = @(
  'AMProductVersion', 'AMRunningMode', 'AMServiceEnabled', 'AntivirusEnabled', 'RealTimeProtectionEnabled',
  'AntivirusSignatureVersion', 'AntivirusSignatureLastUpdated', 'AntivirusSignatureAge',
  'DefenderSignaturesOutOfDate')

$KmsRegistryKeys = @(
  'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform',
  'HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform',
  'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\OfficeSoftwareProtectionPlatform',
  'HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\OfficeSoftwareProtectionPlatform',
  'HKEY_USERS\S-1-5-20\Software\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform')
$KmsValuePattern = '^(Discovered)?KeyManagementService'

$OfficeVersions = @('12.0', '14.0', '15.0', '16.0')
$OfficeFolders = @('Microsoft Office\root', 'Microsoft Office 15\root', 'Microsoft Office\Office12',
  'Microsoft Office\Office14', 'Microsoft Office\Office15', 'Microsoft Office\Office16')

$WpsSerialFiles = @('license2.dat', 'office6\license2.dat', '..\.auth\license2.dat', '.auth\license2.dat')
$WpsSerialKeyPattern = '^(sn|serial|serialnumber|licensesn|sn\d*)$'

# Known antivirus services and processes (no .exe); one vendor a line.
$KnownAvNames = @(
  '360tray', '360sd', 'ZhuDongFangYu', '360rp', '360safe', 'QHActiveDefense',   # Qihoo 360
  'HipsTray', 'HipsDaemon', 'HipsMain', 'wsctrl', 'wsctrlsvc', 'usysdiag',      # Huorong
  'RavMonD', 'rfwmain', 'RsMgrSvc',                                             # Rising
  'kxetray', 'kxescore', 'kwsprotect64', 'KSafeSvc',                            # Kingsoft Duba
  'TQClient', 'TQTray', 'QaxEngManager', 'TQDefender',                          # QAX Tianqing
  'QQPCRTP', 'QQPCTray', 'QQPCMgr',                                             # Tencent PC Manager
  'KVMonXP', 'KVSrvXP', 'KVFW',                                                 # Jiangmin
  'BaiduSdSvc',                                                                 # Baidu
  'WinDefend', 'MsMpEng', 'ekrn', 'egui', 'avp', 'ccSvcHst', 'McShield', 'mfemms',
  'SavService', 'SAVAdminService', 'avgnt', 'AvastSvc', 'AVGSvc', 'bdagent', 'vsserv',
  'CSFalconService', 'SentinelAgent', 'TmListen', 'ntrtscan', 'PccNTMon')

# Activator services by name. Sources: license-detection.md 3.2 and the activator
# research the collector's catalog cites (KMSpico's Install_Service.cmd, KMSAuto Net's
# code, Microsoft Toolkit's KMSServerServiceInstaller, vlmcsd's ntservice.c, a
# RogueKiller log for KMS-R@1n). The observed section lists every service anyway.
$CrackServiceNames = @(
  'Service KMSELDI', 'KMSELDI', 'Service_KMS', 'AutoPico',                      # KMSpico
  'KMSEmulator', 'KMSAuto', 'KMSAutoS', 'TunMirror',                            # KMSAuto
  'KMSServerService', 'AutoKMS',                                                # Microsoft Toolkit
  'KMS-R@1n', 'vlmcsd', 'KMService', 'SppExtComObjPatcher', 'KMS4k')

# Environment variables are expanded at run time; an unknown one (ProgramFiles(x86)
# on 32-bit Windows) leaves a path that simply does not exist.
$CrackFilePaths = @(
  '%SystemRoot%\System32\SppExtComObjHook.dll', '%SystemRoot%\System32\SppExtComObjHookAvrf.dll',
  '%SystemRoot%\System32\SppExtComObjPatcher.dll', '%SystemRoot%\System32\SppExtComObjPatcher.exe',
  '%SystemRoot%\SysWOW64\SppExtComObjHook.dll', '%SystemRoot%\SysWOW64\SppExtComObjHookAvrf.dll',
  '%SystemRoot%\SysWOW64\SppExtComObjPatcher.dll', '%SystemRoot%\SysWOW64\SppExtComObjPatcher.exe',
  '%SystemRoot%\Migration\WTR\KMS_VL_ALL.inf',
  '%SystemRoot%\SECOH-QAD.exe', '%SystemRoot%\SECOH-QAD.dll', '%SystemRoot%\System32\SECOH-QAD.dll',
  '%SystemRoot%\System32\KMSELDI.exe',
  '%ProgramFiles%\KMSpico', '%ProgramFiles(x86)%\KMSpico', '%ProgramFiles%\KMSpico\AutoPico.exe',
  '%ProgramFiles%\KMSpico\KMSELDI.exe', '%ProgramFiles%\KMSpico\Service_KMS.exe',
  '%SystemRoot%\KMSAutoS', '%ProgramData%\KMSAutoS', '%ProgramData%\KMSAuto', '%ProgramData%\KMSAuto\bin\KMSSS.exe',
  '%ProgramFiles%\KMSAuto Net', '%ProgramFiles(x86)%\KMSAuto Net',
  '%SystemRoot%\AutoKMS', '%SystemRoot%\AutoRearm', '%SystemRoot%\KMSServerService',         # Microsoft Toolkit
  '%SystemRoot%\System32\SECOHook.dll', '%ProgramData%\Microsoft Toolkit',
  '%SystemRoot%\HeuKmsRenewal', '%SystemRoot%\System32\SECOPatcher.dll',                      # HEU KMS Activator
  '%SystemRoot%\System32\kms-server.exe',
  '%SystemRoot%\AAct_Tools',                                                                 # AAct
  '%SystemRoot%\KMS-R@1n.exe',                                                               # KMS-R@1n
  '%SystemRoot%\SysWOW64\oem7F7.exe',                                                        # Oem7 (Ghost images)
  '%SystemRoot%\System32\drivers\oem-drv64.sys', '%SystemRoot%\System32\drivers\oem-drv86.sys', # Windows 7 loaders
  '%SystemRoot%\System32\xNtKrnl.exe', '%SystemRoot%\System32\xOsLoad.exe', '%SystemRoot%\System32\Windows Loader.exe',
  '%ProgramFiles%\Activation-Renewal', '%ProgramData%\Activation-Renewal',                   # MAS Online KMS
  '%ProgramData%\Online_KMS_Activation', '%ProgramData%\Online_KMS_Activation.cmd', '%SystemRoot%\Online_KMS_Activation_Script',
  '%CommonProgramFiles%\Microsoft Shared\OfficeSoftwareProtectionPlatform\OSPPC.DLL',
  '%CommonProgramFiles%\Microsoft Shared\OfficeSoftwareProtectionPlatform\sppcs.dll',
  '%CommonProgramFiles(x86)%\Microsoft Shared\OfficeSoftwareProtectionPlatform\OSPPC.DLL',
  '%CommonProgramFiles(x86)%\Microsoft Shared\OfficeSoftwareProtectionPlatform\sppcs.dll')
# Ohook drops sppc.dll (+ a sppcs.dll link to the real one) beside Office.
$OhookOfficeBases = @('%ProgramFiles%', '%ProgramFiles(x86)%')
$OhookRelativePaths = @(
  'Microsoft Office\root\vfs\System\sppc.dll', 'Microsoft Office\root\vfs\System\sppcs.dll',
  'Microsoft Office\root\vfs\SystemX86\sppc.dll', 'Microsoft Office\root\vfs\SystemX86\sppcs.dll',
  'Microsoft Office\Office14\sppc.dll', 'Microsoft Office\Office14\sppcs.dll',
  'Microsoft Office\Office15\sppc.dll', 'Microsoft Office\Office15\sppcs.dll',
  'Microsoft Office\Office16\sppc.dll', 'Microsoft Office\Office16\sppcs.dll')

$CrackTaskExact = @('\Microsoft\Windows\SoftwareProtectionPlatform\SvcTrigger')
$CrackTaskNames = @('Activation-Renewal', 'Activation-Run_Once')
$CrackTaskPattern = 'AutoPico|AutoKMS|AutoRearm|KMSAuto|Ratiborus|KMS_VL_ALL|KMSpico|SECOH-QAD|KMSELDI|HEU KMS|HeuKms|HEU_KMS|_temp_heu|R@1n-KMS|KMS-R@1n|Online_KMS_Activation'

$IfeoImages = @('SppExtComObj.exe', 'sppsvc.exe', 'osppsvc.exe')
$IfeoKeys = @(
  'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Image File Execution Options',
  'HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion\Image File Execution Options')
$OhookHeartbeatKeys = @(
  'Software\Microsoft\Office\16.0\Common\Licensing\Resiliency',
  'Software\Microsoft\Office\15.0\Common\Licensing\Resiliency')

$UninstallPath = 'Microsoft\Windows\CurrentVersion\Uninstall'
$UninstallStrings = @('DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate', 'InstallLocation',
  'ParentKeyName', 'ReleaseType')
$UninstallNumbers = @('EstimatedSize', 'SystemComponent', 'WindowsInstaller')

# ---------------------------------------------------------------------------- 32-bit host

# A 32-bit PowerShell on 64-bit Windows sees SysWOW64 and the 32-bit registry view
# only; rerun under the 64-bit host so paths and keys mean what they say.
if ($env:PROCESSOR_ARCHITEW6432 -and $ScriptPath) {
  $native = Join-Path $env:SystemRoot 'Sysnative\WindowsPowerShell\v1.0\powershell.exe'
  if ([IO.File]::Exists($native)) {
    & $native -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $ScriptPath
    exit 0
  }
}

# ---------------------------------------------------------------------------- helpers

$script:Errors = New-Object System.Collections.ArrayList
$script:Timings = New-Object System.Collections.Specialized.OrderedDictionary
$script:UseWmi = $null -ne (Get-Command Get-WmiObject -ErrorAction SilentlyContinue)
$script:Invariant = [Globalization.CultureInfo]::InvariantCulture

function New-Map { return ,(New-Object System.Collections.Specialized.OrderedDictionary) }
function New-List { return ,(New-Object System.Collections.ArrayList) }

function Get-Prop($Object, [string]$Name) {
  if ($null -eq $Object) { return $null }
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p) { return $null }
  return $p.Value
}

function Add-InventoryError([string]$Source, $ErrorRecord) {
  $message = "$ErrorRecord"
  if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $message = $ErrorRecord.Exception.Message }
  if ($message.Length -gt 1000) { $message = $message.Substring(0, 1000) }
  $e = New-Map
  $e['source'] = $Source
  $e['message'] = $message
  [void]$script:Errors.Add($e)
}

# Runs one section; its value, or $null after recording the error. Only the last
# object the body emits counts, so a stray unvoided call cannot corrupt the document.
function Invoke-Section([string]$Name, [scriptblock]$Body) {
  $sw = [Diagnostics.Stopwatch]::StartNew()
  $result = $null
  try {
    $out = @(& $Body)
    if ($out.Count -gt 0) { $result = $out[$out.Count - 1] }
  } catch {
    Add-InventoryError $Name $_
  }
  $script:Timings[$Name] = [Math]::Round($sw.Elapsed.TotalSeconds, 3)
  return ,$result
}

function Set-IfValue($Map, [string]$Key, $Value) {
  if ($null -ne $Value) { $Map[$Key] = $Value }
}

# Get-CimInstance returns DateTime where Get-WmiObject and wmic print DMTF text; one
# form for all three keeps the parsers simple.
function Format-Dmtf([datetime]$Value) {
  $offset = [int][TimeZone]::CurrentTimeZone.GetUtcOffset($Value).TotalMinutes
  if ($Value.Kind -eq [DateTimeKind]::Utc) { $offset = 0 }
  $sign = '+'
  if ($offset -lt 0) { $sign = '-'; $offset = -$offset }
  return $Value.ToString('yyyyMMddHHmmss.ffffff', $script:Invariant) + $sign + $offset.ToString('000', $script:Invariant)
}

function ConvertTo-Plain($Value) {
  if ($null -eq $Value) { return $null }
  if ($Value -is [datetime]) { return (Format-Dmtf $Value) }
  if ($Value -is [string]) { return $Value }
  if ($Value -is [byte[]]) { return ,(ConvertTo-HexText $Value) }
  if ($Value -is [Array]) {
    $list = New-List
    foreach ($item in $Value) { [void]$list.Add((ConvertTo-Plain $item)) }
    return ,$list
  }
  return $Value
}

function ConvertTo-HexText([byte[]]$Bytes) {
  $n = [Math]::Min($Bytes.Length, 64)
  $parts = New-Object 'string[]' $n
  for ($i = 0; $i -lt $n; $i++) { $parts[$i] = $Bytes[$i].ToString('x2') }
  return 'hex:' + [string]::Join(',', $parts)
}

# ---------------------------------------------------------------------------- JSON

function Write-JsonString([Text.StringBuilder]$Sb, [string]$Text) {
  [void]$Sb.Append('"')
  if ($Text -notmatch '[^\x20-\x7e]') {
    [void]$Sb.Append($Text.Replace('\', '\\').Replace('"', '\"'))
  } else {
    # \uXXXX for everything outside printable ASCII, so no console code page
    # (GBK on Chinese Windows) can mangle names on the way to the agent.
    foreach ($ch in $Text.ToCharArray()) {
      $c = [int]$ch
      if ($c -eq 34) { [void]$Sb.Append('\"') }
      elseif ($c -eq 92) { [void]$Sb.Append('\\') }
      elseif ($c -lt 32 -or $c -gt 126) { [void]$Sb.Append('\u').Append($c.ToString('x4', $script:Invariant)) }
      else { [void]$Sb.Append($ch) }
    }
  }
  [void]$Sb.Append('"')
}

function Write-JsonValue([Text.StringBuilder]$Sb, $Value) {
  if ($null -eq $Value) { [void]$Sb.Append('null'); return }
  if ($Value -is [string] -or $Value -is [char] -or $Value -is [guid]) { Write-JsonString $Sb ([string]$Value); return }
  if ($Value -is [bool]) { if ($Value) { [void]$Sb.Append('true') } else { [void]$Sb.Append('false') }; return }
  if ($Value -is [datetime]) { Write-JsonString $Sb (Format-Dmtf $Value); return }
  if ($Value -is [double] -or $Value -is [single]) {
    if ([double]::IsNaN($Value) -or [double]::IsInfinity($Value)) { [void]$Sb.Append('null') }
    else { [void]$Sb.Append(([double]$Value).ToString('R', $script:Invariant)) }
    return
  }
  if ($Value -is [byte] -or $Value -is [sbyte] -or $Value -is [int16] -or $Value -is [uint16] -or
      $Value -is [int32] -or $Value -is [uint32] -or $Value -is [int64] -or $Value -is [uint64] -or
      $Value -is [decimal]) {
    [void]$Sb.Append($Value.ToString($script:Invariant)); return
  }
  if ($Value -is [Collections.IDictionary]) {
    [void]$Sb.Append('{')
    $first = $true
    foreach ($key in $Value.Keys) {
      if (-not $first) { [void]$Sb.Append(',') }
      $first = $false
      Write-JsonString $Sb ([string]$key)
      [void]$Sb.Append(':')
      Write-JsonValue $Sb $Value[$key]
    }
    [void]$Sb.Append('}')
    return
  }
  if ($Value -is [Collections.IEnumerable]) {
    [void]$Sb.Append('[')
    $first = $true
    foreach ($item in $Value) {
      if (-not $first) { [void]$Sb.Append(',') }
      $first = $false
      Write-JsonValue $Sb $item
    }
    [void]$Sb.Append(']')
    return
  }
  Write-JsonString $Sb ([string]$Value)
}

function ConvertTo-JsonText($Value) {
  $sb = New-Object System.Text.StringBuilder 65536
  Write-JsonValue $sb $Value
  return $sb.ToString()
}

# ---------------------------------------------------------------------------- WMI

function Get-WqlRows([string]$Namespace, [string]$Query) {
  if ($script:UseWmi) { return ,@(Get-WmiObject -Namespace $Namespace -Query $Query -ErrorAction Stop) }
  return ,@(Get-CimInstance -Namespace $Namespace -Query $Query -ErrorAction Stop)
}

# Property names the class has on this Windows, or $null when the class is missing.
# Reading the class definition does not start the provider (no sppsvc wake-up).
function Get-ClassPropertyNames([string]$Namespace, [string]$Class) {
  $names = New-List
  if ($script:UseWmi) {
    # A schema query: no exception (with a localised message) for a missing class.
    $defs = Get-WqlRows $Namespace "SELECT * FROM meta_class WHERE __CLASS='$Class'"
    if ($defs.Count -eq 0) { return $null }
    foreach ($p in $defs[0].PSBase.Properties) { [void]$names.Add($p.Name) }
  } else {
    try { $def = Get-CimClass -Namespace $Namespace -ClassName $Class -ErrorAction Stop }
    catch { return $null }
    foreach ($p in $def.CimClassProperties) { [void]$names.Add($p.Name) }
  }
  return ,$names
}

function Select-Available([string[]]$Wanted, $Available) {
  $have = @{}
  foreach ($n in $Available) { $have[$n.ToLowerInvariant()] = $true }
  $out = New-List
  foreach ($n in $Wanted) { if ($have.ContainsKey($n.ToLowerInvariant())) { [void]$out.Add($n) } }
  return ,$out
}

function Test-WmiNamespace([string]$Parent, [string]$Name) {
  try {
    $rows = Get-WqlRows $Parent "SELECT Name FROM __NAMESPACE WHERE Name='$Name'"
    return $rows.Count -gt 0
  } catch {
    return $false
  }
}

function ConvertTo-RowMap($Row, $Props) {
  $m = New-Map
  foreach ($p in $Props) { $m[$p] = ConvertTo-Plain (Get-Prop $Row $p) }
  return ,$m
}

function Get-LicensingRows([string]$Class, [string]$FromWhere) {
  $available = Get-ClassPropertyNames 'root\cimv2' $Class
  if ($null -eq $available) { return $null }
  $props = Select-Available $LicensingRowProps $available
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props.ToArray()) + " $FromWhere")
  $list = New-List
  foreach ($r in $rows) { [void]$list.Add((ConvertTo-RowMap $r $props)) }
  return ,$list
}

function Get-LicensingServiceRow([string]$Class) {
  $available = Get-ClassPropertyNames 'root\cimv2' $Class
  if ($null -eq $available) { return $null }
  $props = Select-Available $LicensingServiceProps $available
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props.ToArray()) + " FROM $Class")
  if ($rows.Count -eq 0) { return $null }
  $m = New-Map
  foreach ($p in $props) {
    $v = Get-Prop $rows[0] $p
    if ($p -eq 'OA3xOriginalProductKey') { $m['OA3xOriginalProductKeyPresent'] = -not [string]::IsNullOrEmpty([string]$v) }
    else { $m[$p] = ConvertTo-Plain $v }
  }
  return ,$m
}

# ---------------------------------------------------------------------------- registry

function Open-RegKey([string]$FullPath) {
  $i = $FullPath.IndexOf('\')
  $hive = $FullPath
  $sub = ''
  if ($i -ge 0) { $hive = $FullPath.Substring(0, $i); $sub = $FullPath.Substring($i + 1) }
  $base = $null
  if ($hive -eq 'HKEY_LOCAL_MACHINE') { $base = [Microsoft.Win32.Registry]::LocalMachine }
  elseif ($hive -eq 'HKEY_USERS') { $base = [Microsoft.Win32.Registry]::Users }
  else { throw "unsupported hive $hive" }
  if ($sub -eq '') { return $base }
  try { return $base.OpenSubKey($sub, $false) }
  catch [System.Security.SecurityException] { return $null }
  catch [System.UnauthorizedAccessException] { return $null }
}

function Get-RegValue($Key, [string]$Name) {
  $v = $Key.GetValue($Name)
  if ($null -eq $v) { return $null }
  if ($v -is [int]) { return [BitConverter]::ToUInt32([BitConverter]::GetBytes($v), 0) }
  if ($v -is [long]) { return [BitConverter]::ToUInt64([BitConverter]::GetBytes($v), 0) }
  if ($v -is [byte[]]) { return (ConvertTo-HexText $v) }
  if ($v -is [string[]]) { $l = New-List; foreach ($s in $v) { [void]$l.Add($s) }; return ,$l }
  return [string]$v
}

function Get-RegString($Key, [string]$Name) {
  if ($null -eq $Key) { return $null }
  $v = Get-RegValue $Key $Name
  if ($null -eq $v) { return $null }
  if ($v -is [Collections.IList]) { return [string]::Join(' ', [string[]]$v.ToArray()) }
  return [string]$v
}

function Get-RegNumber($Key, [string]$Name) {
  if ($null -eq $Key) { return $null }
  $v = Get-RegValue $Key $Name
  if ($null -eq $v) { return $null }
  if ($v -is [uint32] -or $v -is [uint64]) { return $v }
  $n = 0L
  if ([long]::TryParse(([string]$v).Trim(), [ref]$n)) { return $n }
  return $null
}

function New-RegistryValue([string]$KeyPath, [string]$Name, $Value) {
  $m = New-Map
  $m['key'] = $KeyPath
  $m['name'] = $Name
  $m['value'] = $Value
  return ,$m
}

function Add-RegValues($List, [string]$KeyPath, [string]$NamePattern, [int]$Depth) {
  $key = Open-RegKey $KeyPath
  if ($null -eq $key) { return }
  foreach ($name in $key.GetValueNames()) {
    if ($name -match $NamePattern) { [void]$List.Add((New-RegistryValue $KeyPath $name (Get-RegValue $key $name))) }
  }
  $subs = $key.GetSubKeyNames()
  $key.Close()
  if ($Depth -le 0) { return }
  foreach ($s in $subs) { Add-RegValues $List "$KeyPath\$s" $NamePattern ($Depth - 1) }
}

# Loaded user hives; the *_Classes hives are file associations, not users.
function Get-LoadedUserSids {
  $sids = New-List
  foreach ($n in [Microsoft.Win32.Registry]::Users.GetSubKeyNames()) {
    if ($n -like '*_Classes' -or $n -eq '.DEFAULT') { continue }
    [void]$sids.Add($n)
  }
  return ,$sids
}

function Get-ProfileFolders {
  $out = New-List
  $root = 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
  $key = Open-RegKey $root
  if ($null -eq $key) { return ,$out }
  foreach ($sid in $key.GetSubKeyNames()) {
    if ($sid -notmatch '^S-1-(5-21|12-1)-') { continue }
    $path = Get-RegString (Open-RegKey "$root\$sid") 'ProfileImagePath'
    if ($path) { $p = New-Map; $p['sid'] = $sid; $p['path'] = $path; [void]$out.Add($p) }
  }
  $key.Close()
  return ,$out
}

function Expand-Path([string]$Path) { return [Environment]::ExpandEnvironmentVariables($Path) }

# ---------------------------------------------------------------------------- sections

function Get-OsSection {
  $props = @('Caption', 'Version', 'BuildNumber', 'OSArchitecture', 'ProductType', 'OperatingSystemSKU',
    'CSDVersion', 'OSLanguage', 'Locale', 'InstallDate')
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props) + " FROM Win32_OperatingSystem")
  $m = ConvertTo-RowMap $rows[0] $props
  $cv = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  foreach ($n in @('EditionID', 'DisplayVersion', 'ReleaseId', 'ProductName')) { $m[$n] = Get-RegString $cv $n }
  $m['UBR'] = Get-RegNumber $cv 'UBR'
  return ,$m
}

function Get-ComputerSection {
  $m = New-Map
  $csProps = Select-Available @('Name', 'DNSHostName', 'Domain', 'PartOfDomain', 'Manufacturer', 'Model',
    'PCSystemType', 'TotalPhysicalMemory', 'HypervisorPresent') (Get-ClassPropertyNames 'root\cimv2' 'Win32_ComputerSystem')
  $csRows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $csProps.ToArray()) + " FROM Win32_ComputerSystem")
  $cs = $csRows[0]
  $hostName = Get-Prop $cs 'DNSHostName'
  if (-not $hostName) { $hostName = Get-Prop $cs 'Name' }
  $m['Hostname'] = $hostName
  foreach ($n in @('Domain', 'PartOfDomain', 'Manufacturer', 'Model', 'PCSystemType', 'TotalPhysicalMemory')) {
    $m[$n] = ConvertTo-Plain (Get-Prop $cs $n)
  }
  $chassis = New-List
  foreach ($e in (Get-WqlRows 'root\cimv2' 'SELECT ChassisTypes FROM Win32_SystemEnclosure')) {
    foreach ($t in @(Get-Prop $e 'ChassisTypes')) { if ($null -ne $t) { [void]$chassis.Add([int]$t) } }
  }
  $m['ChassisTypes'] = $chassis
  $bios = Get-WqlRows 'root\cimv2' 'SELECT SerialNumber FROM Win32_BIOS'
  $m['SerialNumber'] = Get-Prop $bios[0] 'SerialNumber'
  $product = Get-WqlRows 'root\cimv2' 'SELECT UUID FROM Win32_ComputerSystemProduct'
  $m['UUID'] = Get-Prop $product[0] 'UUID'
  $m['MachineGuid'] = Get-RegString (Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography') 'MachineGuid'
  $cpus = Get-WqlRows 'root\cimv2' 'SELECT Name,NumberOfCores FROM Win32_Processor'
  if ($cpus.Count -gt 0) {
    $m['CpuName'] = ([string](Get-Prop $cpus[0] 'Name')).Trim()
    $cores = 0
    foreach ($c in $cpus) { $n = Get-Prop $c 'NumberOfCores'; if ($null -ne $n) { $cores += [int]$n } }
    $m['CpuCores'] = $cores
  }
  $m['HypervisorPresent'] = Get-Prop $cs 'HypervisorPresent'
  return ,$m
}

function Get-LicensingSection {
  $m = New-Map
  Set-IfValue $m 'products' (Invoke-Section 'licensing.products' { Get-LicensingRows 'SoftwareLicensingProduct' $SppProductQuery })
  $m['service'] = Invoke-Section 'licensing.service' { Get-LicensingServiceRow 'SoftwareLicensingService' }
  # OSPP exists only with Office 2010, or Office 2013+ on Windows 7: absence is no error.
  Set-IfValue $m 'osppProducts' (Invoke-Section 'licensing.osppProducts' { Get-LicensingRows 'OfficeSoftwareProtectionProduct' $OsppProductQuery })
  $m['osppService'] = Invoke-Section 'licensing.osppService' { Get-LicensingServiceRow 'OfficeSoftwareProtectionService' }
  Set-IfValue $m 'kmsRegistry' (Invoke-Section 'licensing.kmsRegistry' {
    $list = New-List
    foreach ($k in $KmsRegistryKeys) { Add-RegValues $list $k $KmsValuePattern 3 }
    return ,$list
  })
  return ,$m
}

function Get-ClickToRun {
  $c2r = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\ClickToRun'
  if ($null -eq $c2r) { return $null }
  $cfg = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
  $m = New-Map
  $m['InstallPath'] = Get-RegString $c2r 'InstallPath'
  foreach ($n in @('ProductReleaseIds', 'Platform', 'VersionToReport', 'ClientVersionToReport', 'CDNBaseUrl',
      'UpdateChannel', 'SharedComputerLicensing')) { $m[$n] = Get-RegString $cfg $n }
  return ,$m
}

function Get-OfficeRegistrations {
  $list = New-List
  foreach ($sw in @('SOFTWARE', 'SOFTWARE\Wow6432Node')) {
    foreach ($ver in $OfficeVersions) {
      $path = "HKEY_LOCAL_MACHINE\$sw\Microsoft\Office\$ver\Registration"
      $reg = Open-RegKey $path
      if ($null -eq $reg) { continue }
      foreach ($sub in $reg.GetSubKeyNames()) {
        $k = Open-RegKey "$path\$sub"
        if ($null -eq $k) { continue }
        $m = New-Map
        $m['key'] = "$path\$sub"
        foreach ($n in @('ProductName', 'ProductID', 'ProductCode', 'OEM', 'TrialType', 'LicenseType')) { $m[$n] = Get-RegString $k $n }
        $m['DigitalProductIDPresent'] = $null -ne $k.GetValue('DigitalProductID')
        $k.Close()
        [void]$list.Add($m)
      }
      $reg.Close()
    }
  }
  return ,$list
}

function Get-JsonField([string]$Json, [string]$Name) {
  $m = [regex]::Match($Json, '"' + $Name + '"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?[0-9.]+|true|false))')
  if (-not $m.Success) { return $null }
  if ($m.Groups[1].Success) { return $m.Groups[1].Value }
  return $m.Groups[2].Value
}

# A vNext licence file is UTF-16 JSON whose License field is base64 JSON. Read with
# regular expressions: ConvertFrom-Json needs PowerShell 3.
function Read-VNextLicense([string]$Path, [string]$Scope, $Sid) {
  $info = New-Object IO.FileInfo $Path
  if ($info.Length -gt 1048576) { return $null }
  $outer = [IO.File]::ReadAllText($Path, [Text.Encoding]::Unicode)
  $b64 = Get-JsonField $outer 'License'
  if (-not $b64) { return $null }
  $inner = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64.Replace('\/', '/')))
  $m = New-Map
  $m['scope'] = $Scope
  $m['userSid'] = $Sid
  foreach ($n in @('LicenseType', 'ProductReleaseId', 'Status', 'ExpiresOn', 'NotBefore', 'NotAfter')) { $m[$n] = Get-JsonField $inner $n }
  $m['TenantIdPresent'] = [bool](Get-JsonField $inner 'TenantId')
  return ,$m
}

function Add-VNextFolder($List, [string]$Folder, [string]$Scope, $Sid) {
  if (-not [IO.Directory]::Exists($Folder)) { return }
  foreach ($f in @(Get-ChildItem -Path $Folder -Recurse -Force -ErrorAction SilentlyContinue)) {
    if ($f.PSIsContainer) { continue }
    try {
      $lic = Read-VNextLicense $f.FullName $Scope $Sid
      if ($null -ne $lic) { [void]$List.Add($lic) }
    } catch {
      Add-InventoryError 'office.vnextLicenses' "$($f.Name): $($_.Exception.Message)"
    }
  }
}

function Get-VNextLicenses {
  $list = New-List
  Add-VNextFolder $list (Join-Path $env:ProgramData 'Microsoft\Office\Licenses') 'device' $null
  foreach ($p in (Get-ProfileFolders)) {
    Add-VNextFolder $list (Join-Path $p['path'] 'AppData\Local\Microsoft\Office\Licenses') 'user' $p['sid']
  }
  return ,$list
}

function Get-ProgramFilesRoots {
  $roots = New-List
  foreach ($v in @('%ProgramFiles%', '%ProgramFiles(x86)%', '%ProgramW6432%')) {
    $p = Expand-Path $v
    if ($p -notmatch '%' -and -not $roots.Contains($p)) { [void]$roots.Add($p) }
  }
  return ,$roots
}

function Get-OfficeSection {
  $m = New-Map
  $m['clickToRun'] = Invoke-Section 'office.clickToRun' { Get-ClickToRun }
  Set-IfValue $m 'registrations' (Invoke-Section 'office.registrations' { Get-OfficeRegistrations })
  Set-IfValue $m 'vnextLicenses' (Invoke-Section 'office.vnextLicenses' { Get-VNextLicenses })
  Set-IfValue $m 'installRoots' (Invoke-Section 'office.installRoots' {
    $list = New-List
    foreach ($pf in (Get-ProgramFilesRoots)) {
      foreach ($f in $OfficeFolders) { $p = Join-Path $pf $f; if ([IO.Directory]::Exists($p)) { [void]$list.Add($p) } }
    }
    return ,$list
  })
  return ,$m
}

function Read-IniSections([string]$Path) {
  $sections = @{}
  $current = ''
  foreach ($line in [IO.File]::ReadAllLines($Path)) {
    $t = $line.Trim()
    if ($t -match '^\[(.+)\]$') { $current = $matches[1].Trim(); continue }
    $eq = $t.IndexOf('=')
    if ($eq -le 0 -or $t.StartsWith(';')) { continue }
    if (-not $sections.ContainsKey($current)) { $sections[$current] = New-Map }
    $sections[$current][$t.Substring(0, $eq).Trim()] = $t.Substring($eq + 1).Trim()
  }
  return ,$sections
}

function Get-WpsInstall([string]$KeyPath, [string]$Scope, $Sid) {
  $k = Open-RegKey $KeyPath
  if ($null -eq $k) { return $null }
  $m = New-Map
  $m['scope'] = $Scope
  $m['userSid'] = $Sid
  foreach ($n in @('InstallRoot', 'Version', 'Architecture')) { $m[$n] = Get-RegString $k $n }
  $k.Close()
  $root = $m['InstallRoot']
  $evidence = New-List
  if ($root) {
    $ini = $null
    foreach ($rel in @('office6\cfgs\oem.ini', 'cfgs\oem.ini')) { $p = Join-Path $root $rel; if (-not $ini -and [IO.File]::Exists($p)) { $ini = $p } }
    if ($ini) {
      $sections = Read-IniSections $ini
      $oem = New-Map
      foreach ($s in @('Product', 'Support')) {
        if (-not $sections.ContainsKey($s)) { continue }
        foreach ($key in $sections[$s].Keys) {
          $v = [string]$sections[$s][$key]
          # Encrypted values (WPS 11.8.2.12287+) are long base64 blobs: not readable.
          if ($v.Length -le 64 -and $v -notmatch '^[A-Za-z0-9+/=]{24,}$') { $oem["$s.$key"] = $v }
        }
      }
      $m['oemIni'] = $oem
      if ($sections.ContainsKey('Auth')) {
        foreach ($key in $sections['Auth'].Keys) {
          if ($key -match $WpsSerialKeyPattern -and $sections['Auth'][$key]) { [void]$evidence.Add("oem.ini [Auth] $key") }
        }
      }
    }
    foreach ($rel in $WpsSerialFiles) { if ([IO.File]::Exists((Join-Path $root $rel))) { [void]$evidence.Add("file $rel") } }
  }
  $m['serialPresent'] = $evidence.Count -gt 0
  if ($evidence.Count -gt 0) { $m['serialEvidence'] = [string]::Join('; ', [string[]]$evidence.ToArray()) } else { $m['serialEvidence'] = $null }
  return ,$m
}

function Get-WpsSection {
  $list = New-List
  $rel = 'Kingsoft\Office\6.0\Common'
  foreach ($k in @("HKEY_LOCAL_MACHINE\SOFTWARE\$rel", "HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\$rel")) {
    $w = Get-WpsInstall $k 'machine' $null
    if ($null -ne $w) { [void]$list.Add($w) }
  }
  foreach ($sid in (Get-LoadedUserSids)) {
    $w = Get-WpsInstall "HKEY_USERS\$sid\Software\$rel" 'user' $sid
    if ($null -ne $w) { [void]$list.Add($w) }
  }
  return ,$list
}

function New-NameSet([string[]]$Names) {
  $set = @{}
  foreach ($n in $Names) { $set[$n.ToLowerInvariant()] = $true }
  return $set
}

function Select-Services([string[]]$Names) {
  $set = New-NameSet $Names
  $list = New-List
  foreach ($s in $script:ServiceRows) {
    if ($set.ContainsKey(([string](Get-Prop $s 'Name')).ToLowerInvariant())) {
      [void]$list.Add((ConvertTo-RowMap $s @('Name', 'DisplayName', 'State', 'StartMode', 'PathName')))
    }
  }
  return ,$list
}

# Rows of the one Win32_Process query whose image is a known name (given without .exe).
function Select-Processes([string[]]$Names) {
  $set = @{}
  foreach ($n in $Names) { $set[($n + '.exe').ToLowerInvariant()] = $true }
  $list = New-List
  foreach ($p in $script:ProcessRows) {
    if ($set.ContainsKey(([string](Get-Prop $p 'Name')).ToLowerInvariant())) {
      [void]$list.Add((ConvertTo-RowMap $p @('Name', 'ExecutablePath')))
    }
  }
  return ,$list
}

function Get-AntivirusSection {
  $m = New-Map
  $m['securityCenter2Available'] = Test-WmiNamespace 'root' 'SecurityCenter2'
  if ($m['securityCenter2Available']) {
    Set-IfValue $m 'products' (Invoke-Section 'antivirus.securityCenter2' {
      $props = @('displayName', 'instanceGuid', 'pathToSignedProductExe', 'pathToSignedReportingExe', 'productState', 'timestamp')
      $list = New-List
      foreach ($r in (Get-WqlRows 'root\SecurityCenter2' ("SELECT " + [string]::Join(',', $props) + " FROM AntiVirusProduct"))) {
        [void]$list.Add((ConvertTo-RowMap $r $props))
      }
      return ,$list
    })
  }
  $m['defender'] = Invoke-Section 'antivirus.defender' {
    if (-not (Test-WmiNamespace 'root\Microsoft\Windows' 'Defender')) { return $null }
    $available = Get-ClassPropertyNames 'root\Microsoft\Windows\Defender' 'MSFT_MpComputerStatus'
    if ($null -eq $available) { return $null }
    $props = Select-Available $DefenderProps $available
    $rows = Get-WqlRows 'root\Microsoft\Windows\Defender' ("SELECT " + [string]::Join(',', $props.ToArray()) + " FROM MSFT_MpComputerStatus")
    if ($rows.Count -eq 0) { return $null }
    return ,(ConvertTo-RowMap $rows[0] $props)
  }
  # The shared queries failed with an error of their own; one under `antivirus` too
  # tells the collector that antivirus could not be fully inspected.
  if ($null -ne $script:ServiceRows) { $m['services'] = Select-Services $KnownAvNames }
  else { Add-InventoryError 'antivirus.services' 'the service list (Win32_Service) was not read: see the error of services' }
  if ($null -ne $script:ProcessRows) { $m['processes'] = Select-Processes $KnownAvNames }
  else { Add-InventoryError 'antivirus.processes' 'the process list (Win32_Process) was not read: see the error of processes' }
  return ,$m
}

# PowerShell 5 exposes a link's target on the item; PowerShell 2 needs `dir /al`.
function Get-LinkTarget([string]$Path) {
  $item = Get-Item -LiteralPath $Path -Force
  if (-not ($item.Attributes -band [IO.FileAttributes]::ReparsePoint)) { return $null }
  $t = Get-Prop $item 'Target'
  if ($null -ne $t) { return [string](@($t)[0]) }
  # Native stderr under 'Stop' would throw in PowerShell 2-5 ("File Not Found").
  $ErrorActionPreference = 'Continue'
  $name = [IO.Path]::GetFileName($Path)
  $dir = [IO.Path]::GetDirectoryName($Path)
  foreach ($line in @(cmd.exe /c dir /al $dir 2>$null)) {
    if ($line -match ('\s' + [regex]::Escape($name) + '\s+\[(.+)\]\s*$')) { return $matches[1] }
  }
  return $null
}

function New-FileTrace([string]$Path) {
  $m = New-Map
  $m['path'] = $Path
  if ([IO.File]::Exists($Path)) { $m['size'] = (New-Object IO.FileInfo $Path).Length } else { $m['size'] = $null }
  $m['target'] = Get-LinkTarget $Path
  return ,$m
}

function Get-TraceFiles {
  $paths = New-List
  foreach ($p in $CrackFilePaths) { [void]$paths.Add((Expand-Path $p)) }
  foreach ($b in $OhookOfficeBases) { foreach ($r in $OhookRelativePaths) { [void]$paths.Add((Join-Path (Expand-Path $b) $r)) } }
  $list = New-List
  $seen = @{}
  foreach ($p in $paths) {
    if ($p -match '%' -or $seen.ContainsKey($p.ToLowerInvariant())) { continue }
    $seen[$p.ToLowerInvariant()] = $true
    if ([IO.File]::Exists($p) -or [IO.Directory]::Exists($p)) { [void]$list.Add((New-FileTrace $p)) }
  }
  return ,$list
}

function Test-CrackTask([string]$Path, [string]$Name, $Actions) {
  $full = $Path + $Name
  foreach ($e in $CrackTaskExact) { if ($full -eq $e) { return $true } }
  foreach ($n in $CrackTaskNames) { if ($Name -eq $n) { return $true } }
  if ($full -match $CrackTaskPattern) { return $true }
  foreach ($a in $Actions) { if ($a -match $CrackTaskPattern) { return $true } }
  return $false
}

function New-TaskRow([string]$Path, [string]$Name, $Actions) {
  $m = New-Map
  $m['TaskPath'] = $Path
  $m['TaskName'] = $Name
  $m['Actions'] = $Actions
  return ,$m
}

# Every scheduled task, read once for the traces and observed sections.
function Get-ScheduledTaskRows {
  $list = New-List
  if (Get-Command Get-ScheduledTask -ErrorAction SilentlyContinue) {
    foreach ($t in @(Get-ScheduledTask -ErrorAction Stop)) {
      $actions = New-List
      foreach ($a in @(Get-Prop $t 'Actions')) {
        if ($null -eq $a) { continue }
        $exe = Get-Prop $a 'Execute'
        if ($null -ne $exe) { [void]$actions.Add(("$exe " + [string](Get-Prop $a 'Arguments')).Trim()) }
        else { [void]$actions.Add([string](Get-Prop $a 'ClassId')) }
      }
      [void]$list.Add((New-TaskRow ([string](Get-Prop $t 'TaskPath')) ([string](Get-Prop $t 'TaskName')) $actions))
    }
    return ,$list
  }
  # schtasks headers are localised (Chinese on Chinese Windows): read columns by
  # position, 1 = TaskName (full path), 8 = Task To Run, and skip repeated headers.
  $ErrorActionPreference = 'Continue'
  $lines = @(schtasks.exe /query /fo csv /v 2>$null)
  $ErrorActionPreference = 'Stop'
  if ($LASTEXITCODE -ne 0) { throw "schtasks exited with $LASTEXITCODE" }
  $rows = @($lines | Where-Object { $_ } | ConvertFrom-Csv -Header @(0..30 | ForEach-Object { "c$_" }))
  if ($rows.Count -eq 0) { return ,$list }
  $headerName = $rows[0].c1
  $seen = @{}
  foreach ($r in $rows) {
    $full = [string]$r.c1
    if ($full -eq $headerName -or -not $full.StartsWith('\')) { continue }
    if ($seen.ContainsKey($full)) { continue }
    $seen[$full] = $true
    $i = $full.LastIndexOf('\')
    $path = $full.Substring(0, $i + 1); $name = $full.Substring($i + 1)
    $actions = New-List
    if ($r.c8) { [void]$actions.Add([string]$r.c8) }
    [void]$list.Add((New-TaskRow $path $name $actions))
  }
  return ,$list
}

function Select-CrackTasks {
  $list = New-List
  foreach ($t in $script:TaskRows) {
    if (Test-CrackTask $t['TaskPath'] $t['TaskName'] $t['Actions']) { [void]$list.Add($t) }
  }
  return ,$list
}

# What installers and activators add lives outside \Microsoft\; Windows' own hundreds
# inside it are left out, except the Software Protection folder where KMS_VL_ALL puts
# its SvcTrigger task beside Windows' own.
function Select-ObservedTasks {
  $list = New-List
  $ignore = [StringComparison]::OrdinalIgnoreCase
  foreach ($t in $script:TaskRows) {
    $path = [string]$t['TaskPath']
    if (-not $path.StartsWith('\Microsoft\', $ignore) -or $path.StartsWith('\Microsoft\Windows\SoftwareProtectionPlatform\', $ignore)) {
      [void]$list.Add($t)
    }
  }
  return ,$list
}

function Get-TracesSection {
  $m = New-Map
  Set-IfValue $m 'files' (Invoke-Section 'traces.files' { Get-TraceFiles })
  if ($null -ne $script:ServiceRows) { $m['services'] = Select-Services $CrackServiceNames }
  if ($null -ne $script:TaskRows) { $m['tasks'] = Select-CrackTasks }
  Set-IfValue $m 'ifeo' (Invoke-Section 'traces.ifeo' {
    $list = New-List
    foreach ($k in $IfeoKeys) { foreach ($img in $IfeoImages) { Add-RegValues $list "$k\$img" '.' 0 } }
    return ,$list
  })
  Set-IfValue $m 'registry' (Invoke-Section 'traces.registry' {
    $list = New-List
    foreach ($sid in (Get-LoadedUserSids)) {
      foreach ($k in $OhookHeartbeatKeys) { Add-RegValues $list "HKEY_USERS\$sid\$k" '^TimeOfLastHeartbeatFailure$' 0 }
    }
    return ,$list
  })
  return ,$m
}

# The folders directly under Program Files (both views) and ProgramData: where
# installers, and the activators that have no installer, put themselves.
function Get-TopFolders {
  $list = New-List
  $seen = @{}
  foreach ($v in @('%ProgramFiles%', '%ProgramFiles(x86)%', '%ProgramW6432%', '%ProgramData%')) {
    $root = Expand-Path $v
    if ($root -match '%' -or $seen.ContainsKey($root.ToLowerInvariant()) -or -not [IO.Directory]::Exists($root)) { continue }
    $seen[$root.ToLowerInvariant()] = $true
    try {
      foreach ($d in [IO.Directory]::GetDirectories($root)) { [void]$list.Add($d) }
    } catch {
      Add-InventoryError 'observed.folders' "${root}: $($_.Exception.Message)"
    }
  }
  return ,$list
}

# Everything seen, not only known names: the collector's catalog decides what it means.
function Get-ObservedSection {
  $m = New-Map
  if ($null -ne $script:ServiceRows) {
    Set-IfValue $m 'services' (Invoke-Section 'observed.services' {
      $list = New-List
      foreach ($s in $script:ServiceRows) { [void]$list.Add((ConvertTo-RowMap $s @('Name', 'DisplayName', 'State', 'StartMode', 'PathName'))) }
      return ,$list
    })
  }
  if ($null -ne $script:TaskRows) { $m['tasks'] = Select-ObservedTasks }
  if ($null -ne $script:ProcessRows) {
    Set-IfValue $m 'processes' (Invoke-Section 'observed.processes' {
      $list = New-List
      foreach ($p in $script:ProcessRows) { [void]$list.Add((ConvertTo-RowMap $p @('Name', 'ExecutablePath'))) }
      return ,$list
    })
  }
  Set-IfValue $m 'folders' (Invoke-Section 'observed.folders' { Get-TopFolders })
  return ,$m
}

function Add-UninstallKeys($List, [string]$KeyPath, [string]$Hive, $Sid) {
  $root = Open-RegKey $KeyPath
  if ($null -eq $root) { return }
  foreach ($sub in $root.GetSubKeyNames()) {
    $k = Open-RegKey "$KeyPath\$sub"
    if ($null -eq $k) { continue }
    if ($k.ValueCount -gt 0) {
      $m = New-Map
      $m['hive'] = $Hive
      $m['userSid'] = $Sid
      $m['keyName'] = $sub
      foreach ($n in $UninstallStrings) { $m[$n] = Get-RegString $k $n }
      foreach ($n in $UninstallNumbers) { $m[$n] = Get-RegNumber $k $n }
      [void]$List.Add($m)
    }
    $k.Close()
  }
  $root.Close()
}

function Get-SoftwareSection {
  $list = New-List
  Add-UninstallKeys $list "HKEY_LOCAL_MACHINE\SOFTWARE\$UninstallPath" 'HKLM' $null
  Add-UninstallKeys $list "HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\$UninstallPath" 'HKLM-WOW6432' $null
  foreach ($sid in (Get-LoadedUserSids)) {
    Add-UninstallKeys $list "HKEY_USERS\$sid\Software\$UninstallPath" 'HKU' $sid
    Add-UninstallKeys $list "HKEY_USERS\$sid\Software\Wow6432Node\$UninstallPath" 'HKU-WOW6432' $sid
  }
  return ,$list
}

# ---------------------------------------------------------------------------- main

$doc = New-Map
$doc['format'] = 1
$doc['origin'] = 'script'
$doc['collectedAt'] = [DateTime]::UtcNow.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", $script:Invariant)
$doc['powershellVersion'] = $PSVersionTable.PSVersion.ToString()
$doc['timings'] = $script:Timings
$doc['errors'] = $script:Errors

# Queried once, each shared by the sections that filter it and by `observed`.
$script:ServiceRows = Invoke-Section 'services' {
  Get-WqlRows 'root\cimv2' 'SELECT Name,DisplayName,State,StartMode,PathName FROM Win32_Service'
}
$script:ProcessRows = Invoke-Section 'processes' {
  Get-WqlRows 'root\cimv2' 'SELECT Name,ExecutablePath FROM Win32_Process'
}
$script:TaskRows = Invoke-Section 'tasks' { Get-ScheduledTaskRows }
$doc['os'] = Invoke-Section 'os' { Get-OsSection }
$doc['computer'] = Invoke-Section 'computer' { Get-ComputerSection }
$doc['licensing'] = Invoke-Section 'licensing' { Get-LicensingSection }
$doc['office'] = Invoke-Section 'office' { Get-OfficeSection }
Set-IfValue $doc 'wps' (Invoke-Section 'wps' { Get-WpsSection })
$doc['antivirus'] = Invoke-Section 'antivirus' { Get-AntivirusSection }
$doc['traces'] = Invoke-Section 'traces' { Get-TracesSection }
Set-IfValue $doc 'observed' (Invoke-Section 'observed' { Get-ObservedSection })
Set-IfValue $doc 'software' (Invoke-Section 'software' { Get-SoftwareSection })

$json = ConvertTo-JsonText $doc
# The text is pure ASCII (\uXXXX escapes), so any console encoding carries it; UTF-8
# is set anyway for hosts that would otherwise add a BOM or transcode.
try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }
[Console]::Out.Write($json)
[Console]::Out.Write("`n")
[Console]::Out.Flush()
exit 0
