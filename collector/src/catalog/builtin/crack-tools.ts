import type { CatalogProduct, MatchRule } from '../../schema/catalog.js';

/**
 * Crack activators and KMS emulators: any trace of one on a unit's PC is a
 * `crack-activator` finding and the PC is never licensed. Each product lists what its
 * tool leaves, as the agent observes it: the Uninstall entry (most are portable and
 * leave none), services, scheduled tasks, processes, files and folders, registry values
 * and the KMS host addresses it writes. Traces are from the tools' own code, readmes and
 * run logs, removal logs and detection signatures (license-detection.md §3 and the
 * research notes it cites); a trace several tools share sits with the tool that writes
 * it first. Most tools fake the Windows licence and Office's as well: their category is
 * `os`; a KMS host found in Office's licensing keys is filed under office.
 *
 * Paths are matched whole, case-insensitively: `\\KMSpico(\\|$)` is the folder and
 * anything in it. Adding a tool is one product here or one custom product in the catalog;
 * either judges every stored machine again.
 */
const CRACK = { domestic: false, licence: 'crack-tool' } as const;
const OS = { ...CRACK, category: 'os' } as const;

/** A host pattern from a list of names: anchored, dots literal. */
const hosts = (names: readonly string[]): string => `^(${names.map((h) => h.replace(/\./g, '\\.')).join('|')})$`;

const rule = (id: string, on: MatchRule['on'], fields: Omit<MatchRule, 'id' | 'on'>): MatchRule => ({ id, on, ...fields });

export const CRACK_TOOL_PRODUCTS: readonly CatalogProduct[] = [
  {
    id: 'kmspico',
    name: 'KMSpico',
    nameZh: 'KMSpico 激活工具',
    vendor: 'ELDI (repacks under "Team Daz")',
    ...OS,
    rules: [
      rule('kmspico/uninstall', 'software', { name: 'KMS\\s*pico|AutoPico' }),
      // Repacks sold as KMSpico name their publisher "Team Daz" whatever they call the program.
      rule('kmspico/team-daz', 'software', { publisher: '^Team\\s*Daz\\b' }),
      rule('kmspico/service', 'service', { name: '^(Service )?KMSELDI$' }),
      rule('kmspico/service-binary', 'service', { name: '.', path: '\\\\(Service_KMS|KMSELDI)\\.exe' }),
      rule('kmspico/task', 'task', { name: 'AutoPico' }),
      rule('kmspico/process', 'process', { name: '^(AutoPico|KMSELDI|Service_KMS)\\.exe$' }),
      rule('kmspico/files', 'file', { name: '\\\\KMSpico(\\\\|$)|\\\\(AutoPico|KMSELDI|Service_KMS)\\.exe$' }),
    ],
    notes: 'Installs to Program Files\\KMSpico (Uninstall entry "KMSpico"), runs service "Service KMSELDI" and task "AutoPico Daily Restart".',
  },
  {
    id: 'secoh-qad',
    name: 'SECOH-QAD KMS emulator',
    nameZh: 'SECOH-QAD KMS 模拟器',
    vendor: 'shipped with KMSpico and KMSAuto',
    ...OS,
    rules: [
      rule('secoh-qad/files', 'file', { name: '\\\\SECOH-QAD\\.(exe|dll)$' }),
      rule('secoh-qad/process', 'process', { name: '^SECOH-QAD\\.exe$' }),
    ],
    notes: 'A KMS emulator the activators drop into the Windows folder and point the licensing service at.',
  },
  {
    id: 'kmsauto',
    name: 'KMSAuto',
    nameZh: 'KMSAuto 激活工具',
    vendor: 'Ratiborus',
    ...OS,
    rules: [
      rule('kmsauto/uninstall', 'software', { name: 'KMS\\s*Auto' }),
      rule('kmsauto/service', 'service', { name: '^(KMSEmulator|KMSAuto(S)?)$' }),
      rule('kmsauto/service-binary', 'service', { name: '.', path: '\\\\KMSSS\\.exe' }),
      rule('kmsauto/task', 'task', { name: 'KMSAuto' }),
      rule('kmsauto/process', 'process', { name: '^(KMSAuto[^\\\\]*|KMSSS)\\.exe$' }),
      rule('kmsauto/files', 'file', { name: '\\\\KMSAuto( Net|S)?(\\\\|$)|\\\\KMSSS\\.exe$' }),
    ],
    notes: 'KMSAuto Net / Lite: service KMSEmulator (ProgramData\\KMSAuto\\bin\\KMSSS.exe), task \\KMSAutoNet.',
  },
  {
    id: 'aact',
    name: 'AAct',
    nameZh: 'AAct 激活工具',
    vendor: 'Ratiborus',
    ...OS,
    rules: [
      rule('aact/uninstall', 'software', { name: '^AAct\\b' }),
      rule('aact/process', 'process', { name: '^AAct(_x64|_Network[^\\\\]*)?\\.exe$' }),
      rule('aact/files', 'file', { name: '\\\\AAct_Tools(\\\\|$)|\\\\AAct(_x64|_Network[^\\\\]*)?\\.exe$' }),
    ],
    notes: 'Portable; leaves Windows\\AAct_Tools.',
  },
  {
    id: 'kmstools',
    name: 'KMS Tools',
    nameZh: 'KMS Tools 激活工具集',
    vendor: 'Ratiborus',
    ...OS,
    rules: [
      rule('kmstools/uninstall', 'software', { name: 'KMS\\s*Tools' }),
      rule('kmstools/task', 'task', { name: '\\\\KMSTools$' }),
      rule('kmstools/files', 'file', { name: '\\\\KMS Tools( Unpack)?(\\\\|$)' }),
    ],
    notes: 'A collection of Ratiborus tools (AAct, KMSAuto, ConsoleAct …) unpacked to a folder.',
  },
  {
    id: 'ms-toolkit',
    name: 'Microsoft Toolkit',
    nameZh: 'Microsoft Toolkit 激活工具',
    vendor: 'CODYQX4',
    ...OS,
    rules: [
      rule('ms-toolkit/uninstall', 'software', { name: '^Microsoft Toolkit\\b|Office 2010 Toolkit' }),
      rule('ms-toolkit/service', 'service', { name: '^KMSServerService$' }),
      rule('ms-toolkit/task', 'task', { name: '\\\\AutoKMS(Custom)?$' }),
      rule('ms-toolkit/process', 'process', { name: '^(Microsoft Toolkit|AutoKMS|AutoRearm|KMS Server Service)\\.exe$' }),
      rule('ms-toolkit/files', 'file', { name: '\\\\(AutoKMS|AutoRearm|KMSServerService)(\\\\|$)|\\\\SECOHook\\.dll$|\\\\Microsoft Toolkit(\\\\|\\.exe$)' }),
    ],
    notes: 'Service KMSServerService (Windows\\KMSServerService), task AutoKMS (Windows\\AutoKMS).',
  },
  {
    id: 'kms-vl-all',
    name: 'KMS_VL_ALL (SppExtComObj hook)',
    nameZh: 'KMS_VL_ALL 激活脚本（SppExtComObj 钩子）',
    vendor: 'abbodi1406',
    ...OS,
    rules: [
      rule('kms-vl-all/files', 'file', { name: '\\\\SppExtComObj(Hook|HookAvrf|Patcher)\\.(dll|exe)$|\\\\Migration\\\\WTR\\\\KMS_VL_ALL\\.inf$' }),
      rule('kms-vl-all/task', 'task', { name: '^\\\\Microsoft\\\\Windows\\\\SoftwareProtectionPlatform\\\\SvcTrigger$' }),
      rule('kms-vl-all/service', 'service', { name: '^SppExtComObjPatcher$' }),
      rule('kms-vl-all/ifeo', 'registry', {
        name: '\\\\Image File Execution Options\\\\(SppExtComObj|sppsvc|osppsvc)\\.exe\\\\(VerifierDlls|KMS_Emulation|KMS_ActivationInterval|KMS_RenewalInterval|KMS_HWID)$',
      }),
      rule('kms-vl-all/kms-host', 'kms-host', { name: '^172\\.16\\.0\\.2$' }),
    ],
    notes:
      'Loads SppExtComObjHook.dll into the licensing service through Image File Execution Options and sets KMS host 172.16.0.2; ' +
      'KMSAuto and HEU KMS Activator use the same hook. An organisation whose own KMS really sits at 172.16.0.2 lists it as trusted.',
  },
  {
    id: 'heu-kms',
    name: 'HEU KMS Activator',
    nameZh: 'HEU KMS Activator 激活工具',
    vendor: 'zbezj',
    ...OS,
    rules: [
      rule('heu-kms/uninstall', 'software', { name: 'HEU[ _]?KMS' }),
      rule('heu-kms/task', 'task', { name: 'HEU KMS Renewal|_temp_heu' }),
      rule('heu-kms/process', 'process', { name: '^(HEU_KMS_Activator[^\\\\]*|HEU_KMS_Renewal|kms-server)\\.exe$' }),
      rule('heu-kms/files', 'file', {
        name: '\\\\HeuKmsRenewal(\\\\|$)|\\\\HEU_KMS_Activator[^\\\\]*\\.exe$|\\\\SECOPatcher\\.dll$|\\\\System32\\\\kms-server\\.exe$|\\\\EFI\\\\WindSLIC(\\\\|$)',
      }),
      rule('heu-kms/kms-host', 'kms-host', { name: '^10\\.0\\.0\\.1$' }),
    ],
    notes: 'Task "HEU KMS Renewal" (Windows\\HeuKmsRenewal), SECOPatcher.dll and kms-server.exe in System32, KMS host 10.0.0.1.',
  },
  {
    id: 'mas-online-kms',
    name: 'Microsoft Activation Scripts (Online KMS)',
    nameZh: 'MAS 激活脚本（在线 KMS）',
    vendor: 'massgravel',
    ...OS,
    rules: [
      rule('mas-online-kms/task', 'task', { name: '\\\\(Activation-(Renewal|Run_Once)|Online_KMS_Activation_Script[^\\\\]*)$' }),
      rule('mas-online-kms/files', 'file', { name: '\\\\Activation-Renewal(\\\\|$)|\\\\Online_KMS_Activation' }),
      // The public KMS servers the scripts use; they clear the host after activating, the task stays.
      rule('mas-online-kms/kms-host', 'kms-host', {
        name: hosts([
          'kms.03k.org', 'kms-default.cangshui.net', 'kms.sixyin.com', 'kms.moeclub.org', 'kms.cgtsoft.com', 'kms.idina.cn',
          'kms.moeyuuko.com', 'xincheng213618.cn', 'kms.loli.best', 'kms.mc06.net', 'kms.0t.net.cn', 'win.kms.pub',
          'kms.wxlost.com', 'kms.moeyuuko.top', 'kms.ghxi.com', '222.184.9.98',
        ]),
      }),
    ],
    notes: 'Renewal tasks \\Activation-Renewal and \\Activation-Run_Once, Program Files\\Activation-Renewal, public KMS servers.',
  },
  {
    id: 'public-kms',
    name: 'Public KMS server',
    nameZh: '公共 KMS 服务器',
    vendor: 'activator sites',
    ...OS,
    rules: [
      rule('public-kms/host', 'kms-host', {
        name: hosts(['kms8.msguides.com', 'kms.loli.beer', 'kms.chinancce.com', 'kms.lotro.cc', 'kms.digiboy.ir', 'kms789.com', 'kms.kmzs123.cn']),
      }),
    ],
    notes: 'KMS servers on the internet that activate anyone: a licence activated through one was never bought.',
  },
  {
    id: 'ohook',
    name: 'Ohook',
    nameZh: 'Ohook Office 破解',
    vendor: 'massgravel (MAS)',
    ...CRACK,
    category: 'office',
    rules: [
      rule('ohook/files', 'file', {
        name: '\\\\vfs\\\\System(X86)?\\\\sppcs?\\.dll$|\\\\Microsoft Office\\\\(root\\\\)?Office1\\d\\\\sppcs?\\.dll$|\\\\OfficeSoftwareProtectionPlatform\\\\sppcs\\.dll$',
      }),
      rule('ohook/heartbeat', 'registry', { name: '\\\\Licensing\\\\Resiliency\\\\TimeOfLastHeartbeatFailure$', value: '^2040-' }),
      rule('ohook/kms-host', 'kms-host', { name: '^10\\.0\\.0\\.10$' }),
    ],
    notes: 'Replaces sppc.dll beside Office so it believes it is activated; sets the licensing heartbeat to 2040 and KMS host 10.0.0.10.',
  },
  {
    id: 'windows-loader',
    name: 'Windows Loader',
    nameZh: 'Windows Loader 激活工具',
    vendor: 'Daz',
    ...OS,
    rules: [
      rule('windows-loader/uninstall', 'software', { name: '^Windows\\s*(7\\s*)?Loader\\b' }),
      rule('windows-loader/process', 'process', { name: '^Windows Loader\\.exe$' }),
      rule('windows-loader/files', 'file', { name: '\\\\Windows Loader\\.exe$|\\\\(xNtKrnl|xOsLoad)\\.exe$|\\\\drivers\\\\oem-drv(64|86)\\.sys$' }),
      rule('windows-loader/service', 'service', { name: '^oem-drv(64|86)$' }),
    ],
    notes: 'Windows 7 SLIC and kernel loaders: Windows Loader.exe, oem-drv64 driver service, xNtKrnl.exe.',
  },
  {
    id: 're-loader',
    name: 'Re-Loader',
    nameZh: 'Re-Loader 激活工具',
    vendor: 'R@1n',
    ...OS,
    rules: [
      rule('re-loader/uninstall', 'software', { name: '^Re-?Loader\\b' }),
      rule('re-loader/process', 'process', { name: '^Re-?Loader[^\\\\]*\\.exe$' }),
      rule('re-loader/files', 'file', { name: '\\\\Re-?Loader[^\\\\]*\\.exe$' }),
    ],
    notes: 'Portable activator for Windows and Office.',
  },
  {
    id: 'kms-r1n',
    name: 'KMS-R@1n',
    nameZh: 'KMS-R@1n 激活工具',
    vendor: 'R@1n',
    ...OS,
    rules: [
      rule('kms-r1n/service', 'service', { name: '^KMS-R@1n$' }),
      rule('kms-r1n/task', 'task', { name: '\\\\R@1n-KMS\\\\' }),
      rule('kms-r1n/files', 'file', { name: '\\\\KMS-R@1n(Hook)?\\.(exe|dll)$' }),
    ],
    notes: 'Service KMS-R@1n (Windows\\KMS-R@1n.exe) and tasks under \\R@1n-KMS\\.',
  },
  {
    id: 'oem7',
    name: 'Oem7 (小马激活)',
    nameZh: '小马激活工具（Oem7）',
    vendor: 'Oem7F7',
    ...OS,
    rules: [
      rule('oem7/uninstall', 'software', { name: '小马激活|\\bOem7(F7)?\\b' }),
      rule('oem7/process', 'process', { name: '^Oem7(F7)?[^\\\\]*\\.exe$|^小马激活[^\\\\]*\\.exe$' }),
      rule('oem7/files', 'file', { name: '\\\\Oem7(F7)?[^\\\\]*\\.exe$|\\\\小马激活' }),
    ],
    notes: 'Left as SysWOW64\\oem7F7.exe in pre-activated Chinese Windows images.',
  },
  {
    id: 'baofeng-activator',
    name: 'Baofeng activator (暴风激活)',
    nameZh: '暴风激活工具',
    vendor: 'baofengjihuo.com (a repack of Oem7)',
    ...OS,
    rules: [
      rule('baofeng-activator/uninstall', 'software', { name: '暴风.{0,6}激活' }),
      rule('baofeng-activator/process', 'process', { name: '^(暴风.{0,6}激活|baofengjihuo)[^\\\\]*\\.exe$' }),
      rule('baofeng-activator/files', 'file', { name: '\\\\(暴风.{0,6}激活|baofengjihuo)[^\\\\]*$' }),
    ],
    notes: '"暴风一键永久激活", a repack of Oem7 sold as a one-click permanent activator.',
  },
  {
    id: 'microkms',
    name: 'MicroKMS',
    nameZh: 'MicroKMS 激活工具',
    vendor: 'microkms.com',
    ...OS,
    rules: [
      rule('microkms/uninstall', 'software', { name: 'MicroKMS' }),
      rule('microkms/process', 'process', { name: '^MicroKMS[^\\\\]*\\.exe$' }),
      rule('microkms/files', 'file', { name: '\\\\MicroKMS[^\\\\]*(\\\\|\\.exe$|$)' }),
    ],
    notes: 'A Chinese KMS activator (microkms.com).',
  },
  {
    id: 'w10-digital-activation',
    name: 'W10 Digital Activation',
    nameZh: 'W10 Digital Activation 激活工具',
    vendor: 'Ratiborus',
    ...OS,
    rules: [
      rule('w10-digital-activation/uninstall', 'software', { name: 'W10\\s*Digital\\s*Activation' }),
      rule('w10-digital-activation/process', 'process', { name: '^W10DigitalActivation(_x64)?\\.exe$' }),
      rule('w10-digital-activation/files', 'file', { name: '\\\\W10DigitalActivation(_x64)?\\.exe$' }),
    ],
    notes: 'Fakes a digital licence (HWID/KMS38); afterwards only the tool itself is a trace.',
  },
  {
    id: 'vlmcsd',
    name: 'vlmcsd KMS emulator',
    nameZh: 'vlmcsd KMS 模拟服务',
    vendor: 'Hotbird64',
    ...OS,
    rules: [
      rule('vlmcsd/service', 'service', { name: '^vlmcsd$' }),
      rule('vlmcsd/process', 'process', { name: '^vlmcsd[^\\\\]*\\.exe$' }),
      rule('vlmcsd/files', 'file', { name: '\\\\vlmcsd[^\\\\]*\\.exe$' }),
    ],
    notes: 'A KMS host emulator; running on a PC, it activates that PC and any other that asks it.',
  },
];
