<#
  zhengban Windows inventory. Prints one JSON object a line (a "frame"): `begin` with
  the plan of parts in the order they are read, one `part` per section as soon as it
  is read, an `error` per failure, and `end`. The agent assembles the frames into the
  WindowsInventory document (format 1; schema and assembler in
  agent/src/collectors/windows/inventory.schema.ts and inventory.frames.ts), so what
  was printed before PowerShell is stopped still arrives.

  Bounded: a deadline for the whole scan (-DeadlineSeconds, 90 by default, below the
  agent's 120 s) and a timeout on every WMI query; a part whose turn comes after the
  deadline is reported as not collected (kind `deadline`), a query that does not
  answer in time as kind `timeout`. Cheap registry parts come first, the licensing
  queries (which may start the Software Protection service cold) last.

  Runs unchanged on Windows PowerShell 2.0 (Windows 7 SP1 as shipped) up to 5.1 and on
  PowerShell 7, hence: no ConvertTo-Json (PS 3+), no [ordered], no ::new(), no -in, no
  .Where(), no member enumeration on arrays. Registry reads use .NET RegistryKey, which
  is faster than the registry provider and sees Wow6432Node by explicit path. One file
  on purpose: every file PowerShell loads is checked against the execution policy and
  AppLocker on its own, and the organisation signs this one.

  Under Constrained Language mode (AppLocker or WDAC did not allow this script) it
  reads nothing and prints a single `blocked` frame, so the collector can say which
  PCs need the script allowed; it never tries to get round the policy.

  Every user profile is accounted for: hives already loaded are read through HKU, the
  others are loaded for the scan (reg.exe load, never written to) and unloaded after;
  the `profiles` part says which were read and which could not be.

  Reports raw findings only; agent/src/collectors/windows/*.parse.ts decides what they
  mean. Never reads out product keys, serials of WPS, e-mail addresses or user names:
  only whether they are present. Paths it lists as found (task actions, service and
  process command lines, profile folders) can hold a user's name; the agent replaces
  it with %USERNAME% before anything leaves the PC. Never queries Win32_Product (it
  triggers MSI consistency checks and repairs on every installed package).
#>
param([int]$DeadlineSeconds = 90)

# ---------------------------------------------------------------------------- policy gate

# First, before anything that Constrained Language mode forbids (New-Object of most
# types, .NET method calls, type literals): only core types and cmdlets are used here.
$zbLanguageMode = [string]$ExecutionContext.SessionState.LanguageMode
if ($zbLanguageMode -ne 'FullLanguage') {
  $zbVersion = ''
  $zbAt = ''
  try { $zbVersion = [string]$PSVersionTable.PSVersion } catch { }
  try { $zbAt = Get-Date -Date ((Get-Date).ToUniversalTime()) -Format "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'" } catch { }
  Write-Output ('{"frame":"blocked","format":1,"origin":"script","languageMode":"' + $zbLanguageMode +
    '","powershellVersion":"' + $zbVersion + '","collectedAt":"' + $zbAt + '"}')
  exit 0
}

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'
$ScriptPath = $MyInvocation.MyCommand.Path
$script:Clock = [Diagnostics.Stopwatch]::StartNew()
if ($DeadlineSeconds -lt 10) { $DeadlineSeconds = 10 }

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
  $native = [IO.Path]::Combine($env:SystemRoot, 'Sysnative\WindowsPowerShell\v1.0\powershell.exe')
  if ([IO.File]::Exists($native)) {
    & $native -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $ScriptPath -DeadlineSeconds $DeadlineSeconds
    exit $LASTEXITCODE
  }
}

# ---------------------------------------------------------------------------- helpers

$script:UseSearcher = $null -ne ('System.Management.ManagementObjectSearcher' -as [type])
if (-not $script:UseSearcher) {
  # PowerShell 7 ships System.Management but does not load it up front.
  try { [void][Reflection.Assembly]::LoadWithPartialName('System.Management') } catch { }
  $script:UseSearcher = $null -ne ('System.Management.ManagementObjectSearcher' -as [type])
}
$script:Invariant = [Globalization.CultureInfo]::InvariantCulture
$script:ErrorCounts = @{}
$script:LastKind = @{}
$script:MaxErrorsPerSource = 20
# Strings longer than this are cut: bounds the JSON writer's per-character cost on
# PowerShell 2.0, and the agent clips far shorter anyway.
$script:MaxText = 4096
$script:JsonRuns = New-Object Text.RegularExpressions.Regex '[\x20-\x21\x23-\x5b\x5d-\x7e]+|[\s\S]'

function New-Map { return ,(New-Object System.Collections.Specialized.OrderedDictionary) }
function New-List { return ,(New-Object System.Collections.ArrayList) }

function Get-Prop($Object, [string]$Name) {
  if ($null -eq $Object) { return $null }
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p) { return $null }
  return $p.Value
}

function Get-Remaining { return $DeadlineSeconds - $script:Clock.Elapsed.TotalSeconds }

function New-TimeoutError([string]$Message) { return (New-Object TimeoutException $Message) }

# `timeout` when a WMI query or a native program did not answer in time, else `query`.
function Get-ErrorKind($ErrorRecord) {
  $e = $null
  if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $e = $ErrorRecord.Exception }
  elseif ($ErrorRecord -is [Exception]) { $e = $ErrorRecord }
  while ($null -ne $e) {
    if ($e -is [TimeoutException]) { return 'timeout' }
    if ($script:UseSearcher -and $e -is [System.Management.ManagementException] -and
        $e.ErrorCode -eq [System.Management.ManagementStatus]::Timedout) { return 'timeout' }
    $e = $e.InnerException
  }
  return 'query'
}

# Prints the error at once (a kill later cannot lose it). After 20 from one source the
# rest are counted, and the count is printed at the end.
function Add-InventoryError([string]$Source, $ErrorRecord, [string]$Kind = '') {
  $message = "$ErrorRecord"
  if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $message = $ErrorRecord.Exception.Message }
  if ($ErrorRecord -is [Exception]) { $message = $ErrorRecord.Message }
  if (-not $Kind) { $Kind = Get-ErrorKind $ErrorRecord }
  if ($message.Length -gt 1000) { $message = $message.Substring(0, 1000) }
  $script:LastKind[$Source] = $Kind
  $n = 0
  if ($script:ErrorCounts.ContainsKey($Source)) { $n = $script:ErrorCounts[$Source] }
  $script:ErrorCounts[$Source] = $n + 1
  if ($n -ge $script:MaxErrorsPerSource) { return }
  $f = New-Map
  $f['frame'] = 'error'
  $f['source'] = $Source
  $f['kind'] = $Kind
  $f['message'] = $message
  Write-Frame $f
}

function Write-ErrorOverflow {
  foreach ($source in @($script:ErrorCounts.Keys)) {
    $extra = $script:ErrorCounts[$source] - $script:MaxErrorsPerSource
    if ($extra -le 0) { continue }
    $f = New-Map
    $f['frame'] = 'error'
    $f['source'] = $source
    $f['kind'] = 'query'
    $f['message'] = "$extra more errors of this source were not printed"
    Write-Frame $f
  }
}

# One part of the inventory: run it (unless the deadline has passed), print it as a
# frame at once, and return its value. Only the last object the body emits counts,
# so a stray unvoided call cannot corrupt the document.
function Invoke-Part([string]$Path, [scriptblock]$Body) {
  if ((Get-Remaining) -le 0) {
    Add-InventoryError $Path "not collected: the scan's $DeadlineSeconds s deadline had passed" 'deadline'
    return $null
  }
  $sw = [Diagnostics.Stopwatch]::StartNew()
  $result = $null
  try {
    $out = @(& $Body)
    if ($out.Count -gt 0) { $result = $out[$out.Count - 1] }
  } catch {
    Add-InventoryError $Path $_
  }
  $f = New-Map
  $f['frame'] = 'part'
  $f['path'] = $Path
  $f['seconds'] = [Math]::Round($sw.Elapsed.TotalSeconds, 3)
  $f['value'] = $result
  Write-Frame $f
  return ,$result
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
  if ($Text.Length -gt $script:MaxText) { $Text = $Text.Substring(0, $script:MaxText) }
  [void]$Sb.Append('"')
  # Case-sensitive: under -notmatch the class would be case-folded, and a character
  # such as the Kelvin sign (folds to k) would pass as ASCII.
  if ($Text -cnotmatch '[^\x20-\x7e]') {
    [void]$Sb.Append($Text.Replace('\', '\\').Replace('"', '\"'))
  } else {
    # Runs of plain ASCII are copied whole; everything else is escaped as \uXXXX, so
    # no console code page (GBK on Chinese Windows) can mangle names on the way.
    foreach ($m in $script:JsonRuns.Matches($Text)) {
      $run = $m.Value
      if ($run.Length -gt 1) { [void]$Sb.Append($run); continue }
      $c = [int][char]$run
      if ($c -eq 34) { [void]$Sb.Append('\"') }
      elseif ($c -eq 92) { [void]$Sb.Append('\\') }
      elseif ($c -lt 32 -or $c -gt 126) { [void]$Sb.Append('\u').Append($c.ToString('x4', $script:Invariant)) }
      else { [void]$Sb.Append($run) }
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

# One frame, one line, flushed: the agent keeps every line it received if it has to
# stop PowerShell. The text is pure ASCII, so the console code page cannot alter it.
function Write-Frame($Map) {
  $sb = New-Object System.Text.StringBuilder 4096
  Write-JsonValue $sb $Map
  [Console]::Out.Write($sb.ToString())
  [Console]::Out.Write("`n")
  [Console]::Out.Flush()
}

# JSON string escapes of a value read out of a JSON file by regular expression, undone
# so that the writer does not escape them a second time.
function ConvertFrom-JsonEscapes([string]$Text) {
  if ($Text.IndexOf('\') -lt 0) { return $Text }
  $sb = New-Object System.Text.StringBuilder $Text.Length
  $i = 0
  while ($i -lt $Text.Length) {
    $c = $Text[$i]
    if ($c -ne [char]92 -or $i + 1 -ge $Text.Length) { [void]$sb.Append($c); $i++; continue }
    $n = [string]$Text[$i + 1]
    if ($n -ceq 'u' -and $i + 6 -le $Text.Length) {
      [void]$sb.Append([char][Convert]::ToInt32($Text.Substring($i + 2, 4), 16)); $i += 6; continue
    }
    if ($n -ceq 'n') { [void]$sb.Append([char]10) }
    elseif ($n -ceq 'r') { [void]$sb.Append([char]13) }
    elseif ($n -ceq 't') { [void]$sb.Append([char]9) }
    elseif ($n -ceq 'b') { [void]$sb.Append([char]8) }
    elseif ($n -ceq 'f') { [void]$sb.Append([char]12) }
    else { [void]$sb.Append($n) }
    $i += 2
  }
  return $sb.ToString()
}

# ---------------------------------------------------------------------------- WMI

# Every WMI query is bounded: Get-WmiObject has no time limit, and one hung provider
# (a broken repository, sppsvc starting cold) would otherwise use up the agent's whole
# allowance and lose everything. The limit is the smaller of the query's own and what
# is left of the deadline.
function Get-QueryLimit([int]$TimeoutSeconds, [string]$What) {
  $limit = [int][Math]::Min($TimeoutSeconds, [Math]::Floor((Get-Remaining)))
  if ($limit -lt 1) { throw (New-TimeoutError "not run: the scan's $DeadlineSeconds s deadline had passed ($What)") }
  return $limit
}

function Get-WqlRows([string]$Namespace, [string]$Query, [int]$TimeoutSeconds = 15) {
  $limit = Get-QueryLimit $TimeoutSeconds $Query
  if (-not $script:UseSearcher) {
    return ,@(Get-CimInstance -Namespace $Namespace -Query $Query -OperationTimeoutSec $limit -ErrorAction Stop)
  }
  $span = New-Object TimeSpan 0, 0, $limit
  $searcher = New-Object System.Management.ManagementObjectSearcher
  $searcher.Scope = New-Object System.Management.ManagementScope ('\\.\' + $Namespace)
  $searcher.Scope.Options.Timeout = $span
  $searcher.Query = New-Object System.Management.ObjectQuery $Query
  # Semisynchronous: each row waits at most the timeout, then ManagementException
  # (Timedout); the stop time bounds a query whose rows trickle in.
  $searcher.Options.ReturnImmediately = $true
  $searcher.Options.Timeout = $span
  $stop = $script:Clock.Elapsed.TotalSeconds + $limit
  $rows = New-List
  foreach ($r in $searcher.Get()) {
    [void]$rows.Add($r)
    if ($script:Clock.Elapsed.TotalSeconds -gt $stop) { throw (New-TimeoutError "WMI did not finish within $limit s: $Query") }
  }
  return ,$rows.ToArray()
}

# Property names the class has on this Windows, or $null when the class is missing.
# Reading the class definition does not start the provider (no sppsvc wake-up).
function Get-ClassPropertyNames([string]$Namespace, [string]$Class) {
  $names = New-List
  if ($script:UseSearcher) {
    # A schema query: no exception (with a localised message) for a missing class.
    $defs = Get-WqlRows $Namespace "SELECT * FROM meta_class WHERE __CLASS='$Class'"
    if ($defs.Count -eq 0) { return $null }
    foreach ($p in $defs[0].PSBase.Properties) { [void]$names.Add($p.Name) }
  } else {
    $limit = Get-QueryLimit 15 $Class
    try { $def = Get-CimClass -Namespace $Namespace -ClassName $Class -OperationTimeoutSec $limit -ErrorAction Stop }
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
  $rows = Get-WqlRows $Parent "SELECT Name FROM __NAMESPACE WHERE Name='$Name'"
  return $rows.Count -gt 0
}

function ConvertTo-RowMap($Row, $Props) {
  $m = New-Map
  foreach ($p in $Props) { $m[$p] = ConvertTo-Plain (Get-Prop $Row $p) }
  return ,$m
}

function Get-LicensingRows([string]$Class, [string]$FromWhere, [int]$TimeoutSeconds) {
  $available = Get-ClassPropertyNames 'root\cimv2' $Class
  if ($null -eq $available) { return $null }
  $props = Select-Available $LicensingRowProps $available
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props.ToArray()) + " $FromWhere") $TimeoutSeconds
  $list = New-List
  foreach ($r in $rows) { [void]$list.Add((ConvertTo-RowMap $r $props)) }
  return ,$list
}

function Get-LicensingServiceRow([string]$Class, [int]$TimeoutSeconds) {
  $available = Get-ClassPropertyNames 'root\cimv2' $Class
  if ($null -eq $available) { return $null }
  $props = Select-Available $LicensingServiceProps $available
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props.ToArray()) + " FROM $Class") $TimeoutSeconds
  if ($rows.Count -eq 0) { return $null }
  $m = New-Map
  foreach ($p in $props) {
    $v = Get-Prop $rows[0] $p
    if ($p -eq 'OA3xOriginalProductKey') { $m['OA3xOriginalProductKeyPresent'] = -not [string]::IsNullOrEmpty([string]$v) }
    else { $m[$p] = ConvertTo-Plain $v }
  }
  return ,$m
}

# ---------------------------------------------------------------------------- native programs

# A native program with a time limit (PowerShell's own invocation has none). Its
# output must be small: it is read after the program ends, so a full pipe would stall
# it; schtasks therefore writes to a file.
# -EvenPastDeadline: for cleaning up (unloading a hive), which must happen however late.
function Invoke-Native([string]$File, [string]$Arguments, [int]$TimeoutSeconds, [switch]$EvenPastDeadline) {
  $limit = $TimeoutSeconds
  if (-not $EvenPastDeadline) { $limit = Get-QueryLimit $TimeoutSeconds $File }
  $psi = New-Object Diagnostics.ProcessStartInfo $File, $Arguments
  $psi.UseShellExecute = $false
  $psi.CreateNoWindow = $true
  $psi.RedirectStandardOutput = $true
  $psi.RedirectStandardError = $true
  $p = [Diagnostics.Process]::Start($psi)
  if (-not $p.WaitForExit($limit * 1000)) {
    try { $p.Kill() } catch { }   # it may have ended meanwhile: nothing to report
    throw (New-TimeoutError "$File $Arguments did not finish within $limit s")
  }
  $r = New-Map
  $r['exitCode'] = $p.ExitCode
  $r['output'] = ($p.StandardOutput.ReadToEnd() + ' ' + $p.StandardError.ReadToEnd()).Trim()
  return ,$r
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

# %USERPROFILE% and the AppData folders in a user's own values mean that user's
# folders, not SYSTEM's, which is what GetValue would expand them to.
function Expand-RegText([string]$Text, $UserProfile) {
  if ($UserProfile) {
    $p = ([string]$UserProfile).Replace('$', '$$')
    $Text = [regex]::Replace($Text, '(?i)%LOCALAPPDATA%', $p + '\AppData\Local')
    $Text = [regex]::Replace($Text, '(?i)%APPDATA%', $p + '\AppData\Roaming')
    $Text = [regex]::Replace($Text, '(?i)%USERPROFILE%', $p)
  }
  return [Environment]::ExpandEnvironmentVariables($Text)
}

function Get-RegValue($Key, [string]$Name, $UserProfile = $null) {
  $v = $Key.GetValue($Name, $null, [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
  if ($null -eq $v) { return $null }
  if ($v -is [int]) { return [BitConverter]::ToUInt32([BitConverter]::GetBytes($v), 0) }
  if ($v -is [long]) { return [BitConverter]::ToUInt64([BitConverter]::GetBytes($v), 0) }
  if ($v -is [byte[]]) { return (ConvertTo-HexText $v) }
  if ($v -is [string[]]) { $l = New-List; foreach ($s in $v) { [void]$l.Add($s) }; return ,$l }
  if ($Key.GetValueKind($Name) -eq [Microsoft.Win32.RegistryValueKind]::ExpandString) { return (Expand-RegText $v $UserProfile) }
  return [string]$v
}

function Get-RegString($Key, [string]$Name, $UserProfile = $null) {
  if ($null -eq $Key) { return $null }
  $v = Get-RegValue $Key $Name $UserProfile
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

# Reads one value of one key and closes the key: keys left open would keep a hive
# loaded for the scan from unloading.
function Read-RegString([string]$KeyPath, [string]$Name) {
  $k = Open-RegKey $KeyPath
  if ($null -eq $k) { return $null }
  try { return (Get-RegString $k $Name) } finally { $k.Close() }
}

function New-RegistryValue([string]$KeyPath, [string]$Name, $Value) {
  $m = New-Map
  $m['key'] = $KeyPath
  $m['name'] = $Name
  $m['value'] = $Value
  return ,$m
}

# $ShownAs: the path to report when the key was read through a hive loaded for the
# scan (HKEY_USERS\zhengban-scan-<SID> is reported as HKEY_USERS\<SID>).
function Add-RegValues($List, [string]$KeyPath, [string]$NamePattern, [int]$Depth, [string]$ShownAs = '') {
  if (-not $ShownAs) { $ShownAs = $KeyPath }
  $key = Open-RegKey $KeyPath
  if ($null -eq $key) { return }
  try {
    foreach ($name in $key.GetValueNames()) {
      if ($name -match $NamePattern) { [void]$List.Add((New-RegistryValue $ShownAs $name (Get-RegValue $key $name))) }
    }
    $subs = $key.GetSubKeyNames()
  } finally { $key.Close() }
  if ($Depth -le 0) { return }
  foreach ($s in $subs) { Add-RegValues $List "$KeyPath\$s" $NamePattern ($Depth - 1) "$ShownAs\$s" }
}

function Expand-Path([string]$Path) { return [Environment]::ExpandEnvironmentVariables($Path) }

# ---------------------------------------------------------------------------- user profiles

$script:HivePrefix = 'zhengban-scan-'
$script:Profiles = New-List
$script:Mounted = New-List

function Get-ProfileFolders {
  $out = New-List
  $root = 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList'
  $key = Open-RegKey $root
  if ($null -eq $key) { return ,$out }
  try { $sids = $key.GetSubKeyNames() } finally { $key.Close() }
  foreach ($sid in $sids) {
    if ($sid -notmatch '^S-1-(5-21|12-1)-' -or $sid -match '\.bak$') { continue }
    $path = Read-RegString "$root\$sid" 'ProfileImagePath'
    if ($path) { $p = New-Map; $p['sid'] = $sid; $p['path'] = $path; [void]$out.Add($p) }
  }
  return ,$out
}

function Dismount-UserHive([string]$Mount) {
  # Handles the scan opened and dropped must be finalised first, or unload fails.
  [GC]::Collect()
  [GC]::WaitForPendingFinalizers()
  $r = Invoke-Native 'reg.exe' ('unload "HKU\' + $Mount + '"') 15 -EvenPastDeadline
  if ($r['exitCode'] -ne 0) {
    Start-Sleep -Milliseconds 500
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    $r = Invoke-Native 'reg.exe' ('unload "HKU\' + $Mount + '"') 15 -EvenPastDeadline
  }
  if ($r['exitCode'] -ne 0) { throw "HKU\$Mount stays loaded until the next scan: reg unload: $($r['output'])" }
}

# Every profile in ProfileList, with the HKU key its hive is read through: the hive
# already loaded (the user is logged on, or a service runs as them), else NTUSER.DAT
# loaded for the scan. A hive left by a scan that was stopped is unloaded first.
function Mount-UserHives {
  foreach ($n in [Microsoft.Win32.Registry]::Users.GetSubKeyNames()) {
    if ($n.StartsWith($script:HivePrefix)) {
      try { Dismount-UserHive $n } catch { Add-InventoryError 'profiles' $_ }
    }
  }
  $loaded = @{}
  foreach ($n in [Microsoft.Win32.Registry]::Users.GetSubKeyNames()) { $loaded[$n.ToLowerInvariant()] = $true }
  foreach ($p in (Get-ProfileFolders)) {
    $sid = $p['sid']
    $m = New-Map
    $m['sid'] = $sid
    $m['path'] = $p['path']
    $m['state'] = 'not-loaded'
    $m['message'] = $null
    $m['hive'] = $null
    if ($loaded.ContainsKey($sid.ToLowerInvariant())) {
      $m['state'] = 'loaded'; $m['hive'] = $sid
    } else {
      try {
        $file = [IO.Path]::Combine($p['path'], 'NTUSER.DAT')
        if (-not [IO.File]::Exists($file)) {
          $m['state'] = 'no-hive'; $m['message'] = 'the profile folder has no NTUSER.DAT'
        } else {
          $mount = $script:HivePrefix + $sid
          $r = Invoke-Native 'reg.exe' ('load "HKU\' + $mount + '" "' + $file + '"') 15
          if ($r['exitCode'] -eq 0) {
            $m['state'] = 'loaded-for-scan'; $m['hive'] = $mount; [void]$script:Mounted.Add($mount)
          } else {
            $m['message'] = "reg load: $($r['output'])"
          }
        }
      } catch {
        $m['message'] = $_.Exception.Message
      }
    }
    [void]$script:Profiles.Add($m)
  }
}

function Dismount-UserHives {
  foreach ($mount in @($script:Mounted)) {
    try { Dismount-UserHive $mount } catch { Add-InventoryError 'profiles' $_ }
  }
  $script:Mounted.Clear()
}

# What the document says of each profile; the HKU mount name stays inside the script.
function Get-ProfilesPart {
  $list = New-List
  foreach ($p in $script:Profiles) {
    $m = New-Map
    foreach ($k in @('sid', 'path', 'state', 'message')) { $m[$k] = $p[$k] }
    [void]$list.Add($m)
  }
  return ,$list
}

# The user hives that can be read: [sid, HKU key name, profile folder].
function Get-ReadableHives {
  $out = New-List
  foreach ($p in $script:Profiles) { if ($p['hive']) { [void]$out.Add($p) } }
  # A hive loaded for a user missing from ProfileList (rare) is still read.
  $known = @{}
  foreach ($p in $script:Profiles) { $known[([string]$p['sid']).ToLowerInvariant()] = $true }
  foreach ($n in [Microsoft.Win32.Registry]::Users.GetSubKeyNames()) {
    if ($n -like '*_Classes' -or $n -eq '.DEFAULT' -or $n.StartsWith($script:HivePrefix) -or $known.ContainsKey($n.ToLowerInvariant())) { continue }
    $m = New-Map; $m['sid'] = $n; $m['hive'] = $n; $m['path'] = $null
    [void]$out.Add($m)
  }
  return ,$out
}

# ---------------------------------------------------------------------------- os, computer

function Get-OsSection {
  $props = @('Caption', 'Version', 'BuildNumber', 'OSArchitecture', 'ProductType', 'OperatingSystemSKU',
    'CSDVersion', 'OSLanguage', 'Locale', 'InstallDate')
  $rows = Get-WqlRows 'root\cimv2' ("SELECT " + [string]::Join(',', $props) + " FROM Win32_OperatingSystem")
  $m = ConvertTo-RowMap $rows[0] $props
  $cv = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
  try {
    foreach ($n in @('EditionID', 'DisplayVersion', 'ReleaseId', 'ProductName')) { $m[$n] = Get-RegString $cv $n }
    $m['UBR'] = Get-RegNumber $cv 'UBR'
  } finally { if ($null -ne $cv) { $cv.Close() } }
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
  $m['MachineGuid'] = Read-RegString 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography' 'MachineGuid'
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

# ---------------------------------------------------------------------------- office

function Get-ClickToRun {
  $c2r = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\ClickToRun'
  if ($null -eq $c2r) { return $null }
  $m = New-Map
  try { $m['InstallPath'] = Get-RegString $c2r 'InstallPath' } finally { $c2r.Close() }
  $cfg = Open-RegKey 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
  try {
    foreach ($n in @('ProductReleaseIds', 'Platform', 'VersionToReport', 'ClientVersionToReport', 'CDNBaseUrl',
        'UpdateChannel', 'SharedComputerLicensing')) { $m[$n] = Get-RegString $cfg $n }
  } finally { if ($null -ne $cfg) { $cfg.Close() } }
  return ,$m
}

function Get-OfficeRegistrations {
  $list = New-List
  foreach ($sw in @('SOFTWARE', 'SOFTWARE\Wow6432Node')) {
    foreach ($ver in $OfficeVersions) {
      $path = "HKEY_LOCAL_MACHINE\$sw\Microsoft\Office\$ver\Registration"
      $reg = Open-RegKey $path
      if ($null -eq $reg) { continue }
      try { $subs = $reg.GetSubKeyNames() } finally { $reg.Close() }
      foreach ($sub in $subs) {
        try {
          $k = Open-RegKey "$path\$sub"
          if ($null -eq $k) { continue }
          $m = New-Map
          $m['key'] = "$path\$sub"
          try {
            foreach ($n in @('ProductName', 'ProductID', 'ProductCode', 'OEM', 'TrialType', 'LicenseType')) { $m[$n] = Get-RegString $k $n }
            $m['DigitalProductIDPresent'] = $null -ne $k.GetValue('DigitalProductID')
          } finally { $k.Close() }
          [void]$list.Add($m)
        } catch {
          Add-InventoryError 'office.registrations' "${path}\${sub}: $($_.Exception.Message)"
        }
      }
    }
  }
  return ,$list
}

function Get-JsonField([string]$Json, [string]$Name) {
  $m = [regex]::Match($Json, '"' + $Name + '"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(-?[0-9.]+|true|false))')
  if (-not $m.Success) { return $null }
  if ($m.Groups[1].Success) { return (ConvertFrom-JsonEscapes $m.Groups[1].Value) }
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
  $inner = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64))
  $m = New-Map
  $m['scope'] = $Scope
  $m['userSid'] = $Sid
  foreach ($n in @('LicenseType', 'ProductReleaseId', 'Status', 'ExpiresOn', 'NotBefore', 'NotAfter')) { $m[$n] = Get-JsonField $inner $n }
  $m['TenantIdPresent'] = [bool](Get-JsonField $inner 'TenantId')
  return ,$m
}

# Files below a folder, a few levels deep; a folder that cannot be listed is an error
# of its own and the others are still read.
function Get-FilesBelow([string]$Folder, [int]$Depth, [string]$Source) {
  $out = New-List
  try {
    foreach ($f in [IO.Directory]::GetFiles($Folder)) { [void]$out.Add($f) }
    if ($Depth -gt 0) {
      foreach ($d in [IO.Directory]::GetDirectories($Folder)) { $out.AddRange((Get-FilesBelow $d ($Depth - 1) $Source)) }
    }
  } catch {
    Add-InventoryError $Source "${Folder}: $($_.Exception.Message)"
  }
  return ,$out
}

function Add-VNextFolder($List, [string]$Folder, [string]$Scope, $Sid) {
  if (-not [IO.Directory]::Exists($Folder)) { return }
  foreach ($f in (Get-FilesBelow $Folder 3 'office.vnextLicenses')) {
    try {
      $lic = Read-VNextLicense $f $Scope $Sid
      if ($null -ne $lic) { [void]$List.Add($lic) }
    } catch {
      Add-InventoryError 'office.vnextLicenses' "$([IO.Path]::GetFileName($f)): $($_.Exception.Message)"
    }
  }
}

function Get-VNextLicenses {
  $list = New-List
  Add-VNextFolder $list ([IO.Path]::Combine($env:ProgramData, 'Microsoft\Office\Licenses')) 'device' $null
  foreach ($p in $script:Profiles) {
    try { Add-VNextFolder $list ([IO.Path]::Combine($p['path'], 'AppData\Local\Microsoft\Office\Licenses')) 'user' $p['sid'] }
    catch { Add-InventoryError 'office.vnextLicenses' "$($p['sid']): $($_.Exception.Message)" }
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

function Get-OfficeInstallRoots {
  $list = New-List
  foreach ($pf in (Get-ProgramFilesRoots)) {
    foreach ($f in $OfficeFolders) { $p = [IO.Path]::Combine($pf, $f); if ([IO.Directory]::Exists($p)) { [void]$list.Add($p) } }
  }
  return ,$list
}

# ---------------------------------------------------------------------------- wps

# oem.ini is written by WPS's installer in the system's ANSI code page (GBK on Chinese
# Windows) or, by newer builds, as UTF-8 or UTF-16 with a BOM. Without a BOM, text that
# is valid UTF-8 is UTF-8; anything else is read as GBK rather than as U+FFFD.
function Read-TextFile([string]$Path) {
  $bytes = [IO.File]::ReadAllBytes($Path)
  if ($bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF) {
    return [Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3)
  }
  if ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) { return [Text.Encoding]::Unicode.GetString($bytes, 2, $bytes.Length - 2) }
  if ($bytes.Length -ge 2 -and $bytes[0] -eq 0xFE -and $bytes[1] -eq 0xFF) { return [Text.Encoding]::BigEndianUnicode.GetString($bytes, 2, $bytes.Length - 2) }
  # A strict UTF-8 decoder throws on the first byte sequence UTF-8 does not allow.
  try { return (New-Object Text.UTF8Encoding $false, $true).GetString($bytes) }
  catch { return [Text.Encoding]::GetEncoding(936).GetString($bytes) }
}

function Read-IniSections([string]$Path) {
  $sections = @{}
  $current = ''
  foreach ($line in ((Read-TextFile $Path) -split "`r?`n")) {
    $t = $line.Trim()
    if ($t -match '^\[(.+)\]$') { $current = $matches[1].Trim(); continue }
    $eq = $t.IndexOf('=')
    if ($eq -le 0 -or $t.StartsWith(';')) { continue }
    if (-not $sections.ContainsKey($current)) { $sections[$current] = New-Map }
    $sections[$current][$t.Substring(0, $eq).Trim()] = $t.Substring($eq + 1).Trim()
  }
  return ,$sections
}

function Read-WpsFolder($Install, [string]$Root) {
  $evidence = New-List
  $ini = $null
  foreach ($rel in @('office6\cfgs\oem.ini', 'cfgs\oem.ini')) {
    $p = [IO.Path]::Combine($Root, $rel)
    if (-not $ini -and [IO.File]::Exists($p)) { $ini = $p }
  }
  if ($ini) {
    $sections = Read-IniSections $ini
    $oem = New-Map
    foreach ($s in @('Product', 'Support')) {
      if (-not $sections.ContainsKey($s)) { continue }
      foreach ($key in $sections[$s].Keys) {
        $v = [string]$sections[$s][$key]
        # Encrypted values (WPS 11.8.2.12287+) are long base64 blobs: not readable.
        if ($v.Length -le 64 -and $v -cnotmatch '^[A-Za-z0-9+/=]{24,}$') { $oem["$s.$key"] = $v }
      }
    }
    $Install['oemIni'] = $oem
    if ($sections.ContainsKey('Auth')) {
      foreach ($key in $sections['Auth'].Keys) {
        if ($key -match $WpsSerialKeyPattern -and $sections['Auth'][$key]) { [void]$evidence.Add("oem.ini [Auth] $key") }
      }
    }
  }
  foreach ($rel in $WpsSerialFiles) { if ([IO.File]::Exists([IO.Path]::Combine($Root, $rel))) { [void]$evidence.Add("file $rel") } }
  return ,$evidence
}

function Get-WpsInstall([string]$KeyPath, [string]$Scope, $Sid, $UserProfile) {
  $k = Open-RegKey $KeyPath
  if ($null -eq $k) { return $null }
  $m = New-Map
  $m['scope'] = $Scope
  $m['userSid'] = $Sid
  try { foreach ($n in @('InstallRoot', 'Version', 'Architecture')) { $m[$n] = Get-RegString $k $n $UserProfile } } finally { $k.Close() }
  $evidence = New-List
  if ($m['InstallRoot']) {
    # The root may be on a drive SYSTEM cannot see (a user's mapped drive): the install
    # is still reported, with what its folder would have told left out.
    try { $evidence = Read-WpsFolder $m ([string]$m['InstallRoot']) }
    catch { Add-InventoryError 'wps' "$($m['InstallRoot']): $($_.Exception.Message)" }
  }
  $m['serialPresent'] = $evidence.Count -gt 0
  if ($evidence.Count -gt 0) { $m['serialEvidence'] = [string]::Join('; ', [string[]]$evidence.ToArray()) } else { $m['serialEvidence'] = $null }
  return ,$m
}

function Get-WpsSection {
  $list = New-List
  $rel = 'Kingsoft\Office\6.0\Common'
  foreach ($k in @("HKEY_LOCAL_MACHINE\SOFTWARE\$rel", "HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\$rel")) {
    try { $w = Get-WpsInstall $k 'machine' $null $null; if ($null -ne $w) { [void]$list.Add($w) } }
    catch { Add-InventoryError 'wps' "${k}: $($_.Exception.Message)" }
  }
  foreach ($h in (Get-ReadableHives)) {
    try {
      $w = Get-WpsInstall "HKEY_USERS\$($h['hive'])\Software\$rel" 'user' $h['sid'] $h['path']
      if ($null -ne $w) { [void]$list.Add($w) }
    } catch { Add-InventoryError 'wps' "$($h['sid']): $($_.Exception.Message)" }
  }
  return ,$list
}

# ---------------------------------------------------------------------------- services, processes, tasks

function New-NameSet([string[]]$Names) {
  $set = @{}
  foreach ($n in $Names) { $set[$n.ToLowerInvariant()] = $true }
  return $set
}

$ServiceProps = @('Name', 'DisplayName', 'State', 'StartMode', 'PathName')
$ProcessProps = @('Name', 'ExecutablePath')

# Rows of a shared query as maps, each row on its own: one odd row is an error of
# its own, not the loss of the list. $Names (without .exe for processes) filters.
function Select-Rows($Rows, $Props, [string]$Source, $Names, [string]$Suffix) {
  $set = $null
  if ($null -ne $Names) { $set = @{}; foreach ($n in $Names) { $set[($n + $Suffix).ToLowerInvariant()] = $true } }
  $list = New-List
  foreach ($r in $Rows) {
    try {
      if ($null -ne $set -and -not $set.ContainsKey(([string](Get-Prop $r 'Name')).ToLowerInvariant())) { continue }
      [void]$list.Add((ConvertTo-RowMap $r $Props))
    } catch {
      Add-InventoryError $Source $_
    }
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

# Every scheduled task, read once for the traces and observed sections: the same WMI
# class Get-ScheduledTask reads (Windows 8 / Server 2012 and later), with a time limit.
function Get-ScheduledTaskRows {
  if (-not (Test-WmiNamespace 'root\Microsoft\Windows' 'TaskScheduler')) { return ,(Get-SchtasksRows) }
  $list = New-List
  foreach ($t in (Get-WqlRows 'root\Microsoft\Windows\TaskScheduler' 'SELECT TaskName,TaskPath,Actions FROM MSFT_ScheduledTask' 30)) {
    try {
      $actions = New-List
      foreach ($a in @(Get-Prop $t 'Actions')) {
        if ($null -eq $a) { continue }
        $exe = Get-Prop $a 'Execute'
        if ($null -ne $exe) { [void]$actions.Add(("$exe " + [string](Get-Prop $a 'Arguments')).Trim()) }
        else { [void]$actions.Add([string](Get-Prop $a 'ClassId')) }
      }
      [void]$list.Add((New-TaskRow ([string](Get-Prop $t 'TaskPath')) ([string](Get-Prop $t 'TaskName')) $actions))
    } catch {
      Add-InventoryError 'tasks' $_
    }
  }
  return ,$list
}

# Windows 7: schtasks. Its headers are localised (Chinese on Chinese Windows): columns
# are read by position, 1 = TaskName (full path), 8 = Task To Run, repeated headers
# skipped. It writes to a file through cmd so that a long list cannot fill the pipe.
function Get-SchtasksRows {
  $list = New-List
  $file = [IO.Path]::GetTempFileName()
  try {
    $r = Invoke-Native $env:ComSpec ('/d /c "schtasks.exe /query /fo csv /v > "' + $file + '" 2>nul"') 30
    if ($r['exitCode'] -ne 0) { throw "schtasks exited with $($r['exitCode'])" }
    # Redirected, schtasks writes in the console (OEM) code page, as it would print.
    $oem = [Text.Encoding]::GetEncoding([Globalization.CultureInfo]::CurrentCulture.TextInfo.OEMCodePage)
    $lines = @([IO.File]::ReadAllLines($file, $oem) | Where-Object { $_ })
  } finally {
    [IO.File]::Delete($file)
  }
  $rows = @($lines | ConvertFrom-Csv -Header @(0..30 | ForEach-Object { "c$_" }))
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

# A shared query (services, processes, tasks) is a part without a value of its own:
# the parts made from its rows carry them.
function Invoke-SharedQuery([string]$Path, [scriptblock]$Query) {
  $script:SharedQuery = $Query
  $script:SharedRows = $null
  [void](Invoke-Part $Path { $script:SharedRows = (& $script:SharedQuery) })
  return ,$script:SharedRows
}

# A part made from a shared query's rows. When that query failed or was cut short, the
# part fails the same way, so the collector knows what was not inspected.
function Invoke-DerivedPart([string]$Path, [string]$Shared, $Rows, [scriptblock]$Body) {
  if ($null -ne $Rows) { [void](Invoke-Part $Path $Body); return }
  $kind = 'query'
  if ($script:LastKind.ContainsKey($Shared)) { $kind = $script:LastKind[$Shared] }
  Add-InventoryError $Path "not read: it is made from $Shared, which was not collected (see that error)" $kind
}

# ---------------------------------------------------------------------------- antivirus

function Get-SecurityCenterProducts {
  $props = @('displayName', 'instanceGuid', 'pathToSignedProductExe', 'pathToSignedReportingExe', 'productState', 'timestamp')
  $list = New-List
  foreach ($r in (Get-WqlRows 'root\SecurityCenter2' ("SELECT " + [string]::Join(',', $props) + " FROM AntiVirusProduct"))) {
    [void]$list.Add((ConvertTo-RowMap $r $props))
  }
  return ,$list
}

function Get-DefenderStatus {
  if (-not (Test-WmiNamespace 'root\Microsoft\Windows' 'Defender')) { return $null }
  $available = Get-ClassPropertyNames 'root\Microsoft\Windows\Defender' 'MSFT_MpComputerStatus'
  if ($null -eq $available) { return $null }
  $props = Select-Available $DefenderProps $available
  $rows = Get-WqlRows 'root\Microsoft\Windows\Defender' ("SELECT " + [string]::Join(',', $props.ToArray()) + " FROM MSFT_MpComputerStatus")
  if ($rows.Count -eq 0) { return $null }
  return ,(ConvertTo-RowMap $rows[0] $props)
}

# ---------------------------------------------------------------------------- traces, observed

# PowerShell 5 exposes a link's target on the item; PowerShell 2 needs `dir /al`.
function Get-LinkTarget([string]$Path) {
  $item = Get-Item -LiteralPath $Path -Force
  if (-not ($item.Attributes -band [IO.FileAttributes]::ReparsePoint)) { return $null }
  $t = Get-Prop $item 'Target'
  if ($null -ne $t) { return [string](@($t)[0]) }
  $name = [IO.Path]::GetFileName($Path)
  $dir = [IO.Path]::GetDirectoryName($Path)
  $r = Invoke-Native $env:ComSpec ('/d /c dir /al "' + $dir + '"') 15
  foreach ($line in ([string]$r['output'] -split "`r?`n")) {
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
  foreach ($b in $OhookOfficeBases) { foreach ($r in $OhookRelativePaths) { [void]$paths.Add([IO.Path]::Combine((Expand-Path $b), $r)) } }
  $list = New-List
  $seen = @{}
  foreach ($p in $paths) {
    if ($p -match '%' -or $seen.ContainsKey($p.ToLowerInvariant())) { continue }
    $seen[$p.ToLowerInvariant()] = $true
    try {
      if ([IO.File]::Exists($p) -or [IO.Directory]::Exists($p)) { [void]$list.Add((New-FileTrace $p)) }
    } catch {
      Add-InventoryError 'traces.files' "${p}: $($_.Exception.Message)"
    }
  }
  return ,$list
}

function Get-IfeoValues {
  $list = New-List
  foreach ($k in $IfeoKeys) { foreach ($img in $IfeoImages) { Add-RegValues $list "$k\$img" '.' 0 } }
  return ,$list
}

function Get-OhookHeartbeats {
  $list = New-List
  foreach ($h in (Get-ReadableHives)) {
    foreach ($k in $OhookHeartbeatKeys) {
      Add-RegValues $list "HKEY_USERS\$($h['hive'])\$k" '^TimeOfLastHeartbeatFailure$' 0 "HKEY_USERS\$($h['sid'])\$k"
    }
  }
  return ,$list
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

# ---------------------------------------------------------------------------- software

# Each key on its own: one key that cannot be read is an error, not the loss of the list.
function Add-UninstallKeys($List, [string]$KeyPath, [string]$Hive, $Sid, $UserProfile) {
  $root = Open-RegKey $KeyPath
  if ($null -eq $root) { return }
  try { $subs = $root.GetSubKeyNames() } finally { $root.Close() }
  foreach ($sub in $subs) {
    try {
      $k = Open-RegKey "$KeyPath\$sub"
      if ($null -eq $k) { continue }
      try {
        if ($k.ValueCount -eq 0) { continue }
        $m = New-Map
        $m['hive'] = $Hive
        $m['userSid'] = $Sid
        $m['keyName'] = $sub
        foreach ($n in $UninstallStrings) { $m[$n] = Get-RegString $k $n $UserProfile }
        foreach ($n in $UninstallNumbers) { $m[$n] = Get-RegNumber $k $n }
        [void]$List.Add($m)
      } finally { $k.Close() }
    } catch {
      Add-InventoryError 'software' "${Hive} ${sub}: $($_.Exception.Message)"
    }
  }
}

function Get-SoftwareSection {
  $list = New-List
  Add-UninstallKeys $list "HKEY_LOCAL_MACHINE\SOFTWARE\$UninstallPath" 'HKLM' $null $null
  Add-UninstallKeys $list "HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\$UninstallPath" 'HKLM-WOW6432' $null $null
  foreach ($h in (Get-ReadableHives)) {
    Add-UninstallKeys $list "HKEY_USERS\$($h['hive'])\Software\$UninstallPath" 'HKU' $h['sid'] $h['path']
    Add-UninstallKeys $list "HKEY_USERS\$($h['hive'])\Software\Wow6432Node\$UninstallPath" 'HKU-WOW6432' $h['sid'] $h['path']
  }
  return ,$list
}

# ---------------------------------------------------------------------------- main

# The parts in the order they are read: the registry and files first (cheap, and what
# the verdict needs most), WMI after, the licensing queries that may wake the
# Software Protection service last. `begin` announces the plan so that the agent can
# tell which parts never came.
$Plan = @(
  'profiles', 'software', 'wps', 'office.clickToRun', 'office.registrations', 'office.vnextLicenses',
  'office.installRoots', 'licensing.kmsRegistry', 'traces.files', 'traces.ifeo', 'traces.registry',
  'observed.folders', 'os', 'computer', 'services', 'antivirus.services', 'traces.services',
  'observed.services', 'processes', 'antivirus.processes', 'observed.processes', 'tasks', 'traces.tasks',
  'observed.tasks', 'antivirus.securityCenter2Available', 'antivirus.products', 'antivirus.defender',
  'licensing.products', 'licensing.service', 'licensing.osppProducts', 'licensing.osppService')

$begin = New-Map
$begin['frame'] = 'begin'
$begin['format'] = 1
$begin['origin'] = 'script'
$begin['collectedAt'] = [DateTime]::UtcNow.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", $script:Invariant)
$begin['powershellVersion'] = $PSVersionTable.PSVersion.ToString()
$begin['languageMode'] = $zbLanguageMode
$begin['deadlineSeconds'] = $DeadlineSeconds
$begin['plan'] = $Plan
Write-Frame $begin

try {
  [void](Invoke-Part 'profiles' { Mount-UserHives; Get-ProfilesPart })
  [void](Invoke-Part 'software' { Get-SoftwareSection })
  [void](Invoke-Part 'wps' { Get-WpsSection })
  [void](Invoke-Part 'office.clickToRun' { Get-ClickToRun })
  [void](Invoke-Part 'office.registrations' { Get-OfficeRegistrations })
  [void](Invoke-Part 'office.vnextLicenses' { Get-VNextLicenses })
  [void](Invoke-Part 'office.installRoots' { Get-OfficeInstallRoots })
  [void](Invoke-Part 'licensing.kmsRegistry' {
    $list = New-List
    foreach ($k in $KmsRegistryKeys) { Add-RegValues $list $k $KmsValuePattern 3 }
    return ,$list
  })
  [void](Invoke-Part 'traces.files' { Get-TraceFiles })
  [void](Invoke-Part 'traces.ifeo' { Get-IfeoValues })
  [void](Invoke-Part 'traces.registry' { Get-OhookHeartbeats })
  [void](Invoke-Part 'observed.folders' { Get-TopFolders })
  # The hives loaded for the scan are not needed past this point.
  Dismount-UserHives

  [void](Invoke-Part 'os' { Get-OsSection })
  [void](Invoke-Part 'computer' { Get-ComputerSection })

  # Queried once, each shared by the parts that filter it and by `observed`.
  $script:ServiceRows = Invoke-SharedQuery 'services' { Get-WqlRows 'root\cimv2' 'SELECT Name,DisplayName,State,StartMode,PathName FROM Win32_Service' 20 }
  Invoke-DerivedPart 'antivirus.services' 'services' $script:ServiceRows { Select-Rows $script:ServiceRows $ServiceProps 'antivirus.services' $KnownAvNames '' }
  Invoke-DerivedPart 'traces.services' 'services' $script:ServiceRows { Select-Rows $script:ServiceRows $ServiceProps 'traces.services' $CrackServiceNames '' }
  Invoke-DerivedPart 'observed.services' 'services' $script:ServiceRows { Select-Rows $script:ServiceRows $ServiceProps 'observed.services' $null '' }

  $script:ProcessRows = Invoke-SharedQuery 'processes' { Get-WqlRows 'root\cimv2' 'SELECT Name,ExecutablePath FROM Win32_Process' 20 }
  Invoke-DerivedPart 'antivirus.processes' 'processes' $script:ProcessRows { Select-Rows $script:ProcessRows $ProcessProps 'antivirus.processes' $KnownAvNames '.exe' }
  Invoke-DerivedPart 'observed.processes' 'processes' $script:ProcessRows { Select-Rows $script:ProcessRows $ProcessProps 'observed.processes' $null '' }

  $script:TaskRows = Invoke-SharedQuery 'tasks' { Get-ScheduledTaskRows }
  Invoke-DerivedPart 'traces.tasks' 'tasks' $script:TaskRows { Select-CrackTasks }
  Invoke-DerivedPart 'observed.tasks' 'tasks' $script:TaskRows { Select-ObservedTasks }

  # Windows Server has no Security Center: false there is an answer, not an error.
  $sc2 = Invoke-Part 'antivirus.securityCenter2Available' { Test-WmiNamespace 'root' 'SecurityCenter2' }
  if ($sc2 -eq $true) { [void](Invoke-Part 'antivirus.products' { Get-SecurityCenterProducts }) }
  elseif ($sc2 -eq $false) { [void](Invoke-Part 'antivirus.products' { return $null }) }
  else { Invoke-DerivedPart 'antivirus.products' 'antivirus.securityCenter2Available' $null { return $null } }
  [void](Invoke-Part 'antivirus.defender' { Get-DefenderStatus })

  # Cold, SoftwareLicensingProduct starts sppsvc: 5-40 s on an old disk.
  [void](Invoke-Part 'licensing.products' { Get-LicensingRows 'SoftwareLicensingProduct' $SppProductQuery 45 })
  [void](Invoke-Part 'licensing.service' { Get-LicensingServiceRow 'SoftwareLicensingService' 30 })
  # OSPP exists only with Office 2010, or Office 2013+ on Windows 7: absence is no error.
  [void](Invoke-Part 'licensing.osppProducts' { Get-LicensingRows 'OfficeSoftwareProtectionProduct' $OsppProductQuery 30 })
  [void](Invoke-Part 'licensing.osppService' { Get-LicensingServiceRow 'OfficeSoftwareProtectionService' 20 })
} finally {
  Dismount-UserHives
  Write-ErrorOverflow
  $end = New-Map
  $end['frame'] = 'end'
  $end['seconds'] = [Math]::Round($script:Clock.Elapsed.TotalSeconds, 3)
  Write-Frame $end
}
exit 0
