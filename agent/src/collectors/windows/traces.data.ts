/**
 * Crack-activator traces as data (license-detection.md §3.1 from the activators'
 * own code, §3.2 community reports). Each rule names a stable indicator kind, what
 * it concerns, and the activator in plain words.
 */
export interface TraceRule {
  kind: string;
  category: 'os' | 'office';
  description: string;
  test: RegExp;
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

/** Files and folders, matched against the full path. */
export const FILE_RULES: readonly TraceRule[] = [
  { kind: 'kms-vl-all-hook', category: 'os', description: 'KMS_VL_ALL: the SppExtComObj hook that emulates a KMS host inside Windows', test: /\\SppExtComObj(Hook|HookAvrf|Patcher)\.(dll|exe)$|\\Migration\\WTR\\KMS_VL_ALL\.inf$/i },
  { kind: 'mas-online-kms', category: 'os', description: 'MAS Online KMS: the renewal task files of the Microsoft Activation Scripts', test: /\\Activation-Renewal(\\|$)/i },
  { kind: 'kmspico', category: 'os', description: 'KMSpico activator', test: /\\KMSpico(\\|$)|\\AutoPico\.exe$/i },
  { kind: 'kmsauto', category: 'os', description: 'KMSAuto activator', test: /\\KMSAuto[^\\]*(\\|$)|\\KMSELDI\.exe$|\\Service_KMS\.exe$/i },
  { kind: 'secoh-qad', category: 'os', description: 'SECOH-QAD, the KMS emulator shipped with KMS activators', test: /\\SECOH-QAD\.(exe|dll)$/i },
  { kind: 'heu-kms-activator', category: 'os', description: 'HEU KMS Activator', test: /\\HEU_KMS_Activator[^\\]*\.exe$/i },
  { kind: 'ohook-sppc', category: 'office', description: 'Ohook: a replaced sppc.dll that makes Office believe it is activated', test: /\\vfs\\System(X86)?\\sppcs?\.dll$|\\Microsoft Office\\(root\\)?Office1\d\\sppcs?\.dll$|\\OfficeSoftwareProtectionPlatform\\sppcs\.dll$/i },
];

/** Office 2010's OSPPC.DLL is large; Ohook's stand-in is under 100 KB (§3.1). */
export const OSPPC_MAX_HOOK_BYTES = 100 * 1024;

/** Scheduled tasks, matched against TaskPath + TaskName. */
export const TASK_RULES: readonly TraceRule[] = [
  { kind: 'kms-vl-all-task', category: 'os', description: 'KMS_VL_ALL: its SvcTrigger task that re-arms the KMS hook', test: /\\Microsoft\\Windows\\SoftwareProtectionPlatform\\SvcTrigger$/i },
  { kind: 'mas-online-kms', category: 'os', description: 'MAS Online KMS: the renewal task of the Microsoft Activation Scripts', test: /Activation-(Renewal|Run_Once)/i },
  { kind: 'kmspico', category: 'os', description: 'KMSpico activator', test: /AutoPico/i },
  { kind: 'kmsauto', category: 'os', description: 'KMSAuto activator', test: /AutoKMS|KMSAuto|Ratiborus/i },
];

/** Services named after KMS emulators (§3.2). */
export const ACTIVATOR_SERVICES: Readonly<Record<string, string>> = {
  kmseldi: 'KMSAuto (KMSELDI)', kmsauto: 'KMSAuto', kmsautos: 'KMSAuto', kmservice: 'a KMS emulator (KMService)',
  sppextcomobjpatcher: 'KMS_VL_ALL (SppExtComObjPatcher)', vlmcsd: 'vlmcsd, a KMS host emulator', kms4k: 'KMS4k',
};

/** IFEO values KMS_VL_ALL sets on SppExtComObj.exe / sppsvc.exe / osppsvc.exe. */
export const IFEO_VALUES = /^(VerifierDlls|KMS_Emulation|KMS_ActivationInterval|KMS_RenewalInterval|KMS_HWID)$/i;

/** Ohook sets the Office licensing heartbeat failure time far in the future to silence checks. */
export const OHOOK_HEARTBEAT = /^2040-01-01/;
