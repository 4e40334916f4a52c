/**
 * Crack-activator traces as data (license-detection.md §3.1 from the activators'
 * own code, §3.2 community reports, and the activator research notes that the
 * collector's catalog (`collector/src/catalog/builtin/crack-tools.ts`) cites: KMSpico's
 * installer scripts, KMSAuto Net's decompiled code, Microsoft Toolkit's source, the HEU
 * KMS Activator manual, vlmcsd's source, removal logs and Defender signatures). Each rule
 * names a stable indicator kind, what it concerns, and the activator in plain words.
 * New kinds take the catalog's product ids (`ms-toolkit`, `kms-r1n` …); kinds that
 * existed before keep their names.
 */
export interface TraceRule {
  kind: string;
  category: 'os' | 'office';
  description: string;
  test: RegExp;
}

/** A task rule tests the task's folder and name, and, when given, what it runs. */
export interface TaskRule extends TraceRule {
  action?: RegExp;
}

/** Public KMS hosts used by MAS Online KMS (§3.1) and reported by others (§3.2), lower-case. */
export const PUBLIC_KMS_HOSTS: readonly string[] = [
  'kms.03k.org', 'kms-default.cangshui.net', 'kms.sixyin.com', 'kms.moeclub.org', 'kms.cgtsoft.com',
  'kms.idina.cn', 'kms.moeyuuko.com', 'xincheng213618.cn', 'kms.loli.best', 'kms.mc06.net', 'kms.0t.net.cn',
  'win.kms.pub', 'kms.wxlost.com', 'kms.moeyuuko.top', 'kms.ghxi.com',
  'kms8.msguides.com', 'kms.loli.beer', 'kms.chinancce.com', 'kms.lotro.cc',
];

/** KMS host values the activators write by default: KMS_VL_ALL 172.16.0.2, Ohook's anti-banner 10.0.0.10. */
export const ACTIVATOR_DEFAULT_HOSTS: Readonly<Record<string, string>> = {
  '172.16.0.2': 'KMS_VL_ALL (its default KMS host address)',
  '10.0.0.10': 'Ohook (the address it sets to stop the Office licence banner)',
};

/** Files and folders, matched against the full path (a folder's path has no trailing backslash). */
export const FILE_RULES: readonly TraceRule[] = [
  { kind: 'kms-vl-all-hook', category: 'os', description: 'KMS_VL_ALL: the SppExtComObj hook that emulates a KMS host inside Windows', test: /\\SppExtComObj(Hook|HookAvrf|Patcher)\.(dll|exe)$|\\Migration\\WTR\\KMS_VL_ALL\.inf$/i },
  { kind: 'mas-online-kms', category: 'os', description: 'MAS Online KMS: the renewal task files of the Microsoft Activation Scripts', test: /\\Activation-Renewal(\\|$)|\\Online_KMS_Activation/i },
  // KMSELDI.exe and Service_KMS.exe are KMSpico's own programs (its installer puts them in Program Files\KMSpico).
  { kind: 'kmspico', category: 'os', description: 'KMSpico activator', test: /\\KMSpico(\\|$)|\\(AutoPico|KMSELDI|Service_KMS)\.exe$/i },
  // KMSSS.exe is KMSAuto's KMS Server Service (ProgramData\KMSAuto\bin).
  { kind: 'kmsauto', category: 'os', description: 'KMSAuto activator', test: /\\KMSAuto[^\\]*(\\|$)|\\KMSSS\.exe$/i },
  { kind: 'secoh-qad', category: 'os', description: 'SECOH-QAD, the KMS emulator shipped with KMS activators', test: /\\SECOH-QAD\.(exe|dll)$/i },
  {
    kind: 'heu-kms-activator', category: 'os', description: 'HEU KMS Activator',
    test: /\\HEU_KMS_(Activator[^\\]*|Renewal)\.exe$|\\HeuKmsRenewal(\\|$)|\\SECOPatcher\.dll$|\\System32\\kms-server\.exe$|\\_temp_heu168yyds/i,
  },
  {
    kind: 'ms-toolkit', category: 'os', description: 'Microsoft Toolkit activator (AutoKMS, AutoRearm, KMS Server Service)',
    test: /\\(AutoKMS|AutoRearm|KMSServerService)(\\|$)|\\(AutoKMS|AutoRearm|KMS Server Service|Microsoft Toolkit)\.exe$|\\SECOHook\.dll$|\\ProgramData\\Microsoft Toolkit(\\|$)/i,
  },
  { kind: 'aact', category: 'os', description: 'AAct activator', test: /\\AAct_Tools(\\|$)|\\AAct(_x64|_Network[^\\]*)?\.exe$/i },
  { kind: 'kms-r1n', category: 'os', description: 'KMS-R@1n activator', test: /\\KMS-R@1n(Hook)?\.(exe|dll)$/i },
  { kind: 'oem7', category: 'os', description: 'Oem7 (小马激活), an OEM activator left in pre-activated Windows images', test: /\\Oem7(F7)?[^\\]*\.exe$/i },
  { kind: 'windows-loader', category: 'os', description: 'Windows Loader: a Windows 7 kernel loader that fakes an OEM licence', test: /\\Windows Loader\.exe$|\\(xNtKrnl|xOsLoad)\.exe$|\\drivers\\oem-drv(64|86)\.sys$/i },
  { kind: 'ohook-sppc', category: 'office', description: 'Ohook: a replaced sppc.dll that makes Office believe it is activated', test: /\\vfs\\System(X86)?\\sppcs?\.dll$|\\Microsoft Office\\(root\\)?Office1\d\\sppcs?\.dll$|\\OfficeSoftwareProtectionPlatform\\sppcs\.dll$/i },
];

/** Office 2010's OSPPC.DLL is large; Ohook's stand-in is under 100 KB (§3.1). */
export const OSPPC_MAX_HOOK_BYTES = 100 * 1024;

/** Scheduled tasks: `test` against TaskPath + TaskName, `action` against what it runs. */
export const TASK_RULES: readonly TaskRule[] = [
  { kind: 'kms-vl-all-task', category: 'os', description: 'KMS_VL_ALL: its SvcTrigger task that re-arms the KMS hook', test: /\\Microsoft\\Windows\\SoftwareProtectionPlatform\\SvcTrigger$/i },
  { kind: 'mas-online-kms', category: 'os', description: 'MAS Online KMS: the renewal task of the Microsoft Activation Scripts', test: /Activation-(Renewal|Run_Once)|Online_KMS_Activation/i, action: /\\Activation-Renewal\\/i },
  // `\AutoPico Daily Restart`, and a variant's `\Service KMSELDI` that starts the service.
  { kind: 'kmspico', category: 'os', description: 'KMSpico activator', test: /AutoPico|\\Service KMSELDI$/i, action: /\\KMSpico\\|\\AutoPico\.exe/i },
  // `\KMSAutoNet`, author RATIBORUS.
  { kind: 'kmsauto', category: 'os', description: 'KMSAuto activator', test: /KMSAuto|Ratiborus/i, action: /\\KMSAuto/i },
  // AutoKMS is Microsoft Toolkit's renewal task (`\AutoKMS`, `\AutoKMSCustom`), not KMSAuto's.
  { kind: 'ms-toolkit', category: 'os', description: 'Microsoft Toolkit activator (AutoKMS, AutoRearm, KMS Server Service)', test: /AutoKMS|AutoRearm/i, action: /\\(AutoKMS|AutoRearm)\.exe/i },
  { kind: 'heu-kms-activator', category: 'os', description: 'HEU KMS Activator', test: /HEU KMS Renewal|_temp_heu/i, action: /\\HEU_KMS_(Renewal|Activator)|\\HeuKmsRenewal\\|_temp_heu/i },
  { kind: 'kms-r1n', category: 'os', description: 'KMS-R@1n activator', test: /\\R@1n-KMS\\|KMS-R@1n/i, action: /KMS-R@1n/i },
];

/** Services named after KMS emulators (§3.2 and the research notes), by lower-case service name. */
export const ACTIVATOR_SERVICES: Readonly<Record<string, string>> = {
  'service kmseldi': 'KMSpico (Service KMSELDI)', kmseldi: 'KMSpico (KMSELDI)', service_kms: 'KMSpico (Service_KMS)', autopico: 'KMSpico (AutoPico)',
  kmsemulator: 'KMSAuto (KMSEmulator)', kmsauto: 'KMSAuto', kmsautos: 'KMSAuto', tunmirror: 'KMSAuto (TunMirror, its TAP mode)',
  kmsserverservice: 'Microsoft Toolkit (KMS Server Service)', autokms: 'Microsoft Toolkit (AutoKMS)',
  'kms-r@1n': 'KMS-R@1n', kmservice: 'a KMS emulator (KMService)',
  sppextcomobjpatcher: 'KMS_VL_ALL (SppExtComObjPatcher)', vlmcsd: 'vlmcsd, a KMS host emulator', kms4k: 'KMS4k',
};

/** Programs the activators install as a service under whatever name, by lower-case file name. */
export const ACTIVATOR_SERVICE_BINARIES: Readonly<Record<string, string>> = {
  'service_kms.exe': 'KMSpico (Service_KMS.exe)', 'kmseldi.exe': 'KMSpico (KMSELDI.exe)',
  'kmsss.exe': 'KMSAuto (KMSSS.exe, its KMS Server Service)', 'tunmirror.exe': 'KMSAuto (TunMirror.exe)', 'tunmirror2.exe': 'KMSAuto (TunMirror2.exe)',
  'kms server service.exe': 'Microsoft Toolkit (KMS Server Service.exe)', 'kms-r@1n.exe': 'KMS-R@1n',
  'kms-server.exe': 'HEU KMS Activator (kms-server.exe)', 'vlmcsd.exe': 'vlmcsd, a KMS host emulator', 'secoh-qad.exe': 'SECOH-QAD',
};

/** IFEO values KMS_VL_ALL sets on SppExtComObj.exe / sppsvc.exe / osppsvc.exe. */
export const IFEO_VALUES = /^(VerifierDlls|KMS_Emulation|KMS_ActivationInterval|KMS_RenewalInterval|KMS_HWID)$/i;

/**
 * A `Debugger` on a licensing process starts something else in its place: KMSpico's
 * SECOH-QAD method, KMSAuto (`SppExtComObjPatcher.exe`) and Microsoft Toolkit
 * (`RunDll32.exe SppExtComObjHook.dll,PatcherMain`) set one. Windows sets none.
 */
export const IFEO_DEBUGGER = /^Debugger$/i;

/** Ohook sets the Office licensing heartbeat failure time far in the future to silence checks. */
export const OHOOK_HEARTBEAT = /^2040-01-01/;
