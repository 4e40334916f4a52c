/**
 * Antivirus products for the Mac, recognised by their application bundle's file name
 * (not the localised display name) and, where the name alone is ambiguous, by the
 * Developer ID that signed it. Data only: a product is one line.
 */
export interface MacAntivirusRule {
  name: string;
  vendor: string;
  /** Matched against the bundle name without `.app` (`ESET Endpoint Security`). */
  app: RegExp;
  /** Matched against the signing Developer ID's holder, when the name alone could be anything. */
  publisher?: RegExp;
  owner?: 'microsoft' | 'third-party';
}

export const MAC_ANTIVIRUS: readonly MacAntivirusRule[] = [
  { name: 'Microsoft Defender', vendor: 'Microsoft', app: /^Microsoft Defender( ATP)?$/, owner: 'microsoft' },
  { name: 'Sophos', vendor: 'Sophos', app: /^Sophos (Endpoint|Home|Anti-Virus|Scan)/i },
  { name: 'ESET', vendor: 'ESET', app: /^ESET (Endpoint (Antivirus|Security)|Cyber Security|Security|NOD32)/i },
  { name: 'Kaspersky', vendor: 'Kaspersky', app: /^Kaspersky/i },
  { name: 'Bitdefender', vendor: 'Bitdefender', app: /^Bitdefender/i },
  { name: 'Bitdefender Endpoint Security', vendor: 'Bitdefender', app: /^Endpoint Security for Mac$/i, publisher: /Bitdefender/i },
  { name: 'Trend Micro', vendor: 'Trend Micro', app: /^Trend ?Micro/i },
  { name: 'Norton', vendor: 'Gen Digital', app: /^Norton (360|Security|AntiVirus|Internet Security)/i },
  { name: 'Symantec Endpoint Protection', vendor: 'Broadcom', app: /^Symantec Endpoint Protection/i },
  { name: 'McAfee / Trellix Endpoint Security', vendor: 'Trellix', app: /^(McAfee|Trellix) (Endpoint Security|Endpoint Protection|LiveSafe|Total Protection|Internet Security)/i },
  { name: 'Avast', vendor: 'Gen Digital', app: /^Avast( Security| Premium Security| Business Antivirus| Antivirus)?$/i },
  { name: 'AVG AntiVirus', vendor: 'Gen Digital', app: /^AVG (AntiVirus|Internet Security)/i },
  { name: 'Malwarebytes', vendor: 'Malwarebytes', app: /^Malwarebytes/i },
  { name: '360 Total Security', vendor: 'Qihoo 360', app: /^360 ?(Total Security|Internet Security|安全)/i },
  { name: 'Intego VirusBarrier', vendor: 'Intego', app: /^VirusBarrier/i },
  { name: 'ClamXAV', vendor: 'CanImage Software', app: /^ClamXAV/i },
  { name: 'Webroot SecureAnywhere', vendor: 'OpenText', app: /^Webroot SecureAnywhere/i },
  { name: 'CrowdStrike Falcon', vendor: 'CrowdStrike', app: /^Falcon$/i, publisher: /CrowdStrike/i },
  { name: 'SentinelOne', vendor: 'SentinelOne', app: /^SentinelOne/i },
];
