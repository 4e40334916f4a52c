// Input: UOS and Deepin version files.
// /etc/os-version (real, UOS 20 Pro on a HUAWEI L410):
//   [Version]
//   SystemName=UOS Desktop
//   SystemName[zh_CN]=统信桌面操作系统
//   ProductType=Desktop
//   ProductType[zh_CN]=桌面
//   EditionName=Professional
//   EditionName[zh_CN]=专业版
//   MajorVersion=20
//   MinorVersion=1060
//   OsBuild=11014.102.100
// UOS Server writes `EditionName=c` / `e` / `a` (the 1001c … editions).
// /etc/deepin-version:
//   [Release]
//   Version=20.9
//   Type=Desktop
import { anySectionValue, parseIni, sectionValue } from '../ini.parse.js';

export interface UosVersion {
  systemName?: string;
  systemNameZh?: string;
  /** Desktop, Server … */
  productType?: string;
  /** Professional, Home, Community, Military, or a server edition letter (a, c, e). */
  editionName?: string;
  editionNameZh?: string;
  majorVersion?: string;
  /** The update line: 1032, 1050, 1060, 1070 … */
  minorVersion?: string;
  osBuild?: string;
}

export function parseOsVersion(text: string): UosVersion {
  const ini = parseIni(text);
  const get = (key: string) => sectionValue(ini, 'Version', key) ?? anySectionValue(ini, key);
  const out: UosVersion = {};
  const pairs: [keyof UosVersion, string][] = [
    ['systemName', 'SystemName'],
    ['systemNameZh', 'SystemName[zh_CN]'],
    ['productType', 'ProductType'],
    ['editionName', 'EditionName'],
    ['editionNameZh', 'EditionName[zh_CN]'],
    ['majorVersion', 'MajorVersion'],
    ['minorVersion', 'MinorVersion'],
    ['osBuild', 'OsBuild'],
  ];
  for (const [field, key] of pairs) {
    const v = get(key);
    if (v) out[field] = v;
  }
  return out;
}

export interface DeepinVersion {
  version?: string;
  type?: string;
}

export function parseDeepinVersion(text: string): DeepinVersion {
  const ini = parseIni(text);
  const out: DeepinVersion = {};
  const version = sectionValue(ini, 'Release', 'Version') ?? anySectionValue(ini, 'Version');
  const type = sectionValue(ini, 'Release', 'Type') ?? anySectionValue(ini, 'Type');
  if (version) out.version = version;
  if (type) out.type = type;
  return out;
}

/** `Desktop` + `Professional` → `Desktop Professional`; a server's edition letter reads `Server (c)`. */
export function uosEdition(v: UosVersion): string | undefined {
  const edition = v.editionName && v.editionName.length <= 2 ? `(${v.editionName})` : v.editionName;
  const words = [v.productType, edition].filter((w): w is string => Boolean(w));
  return words.length ? words.join(' ') : undefined;
}
