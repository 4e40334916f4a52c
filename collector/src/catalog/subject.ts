import type { Antivirus, OfficeSuite, OperatingSystem, SoftwareItem } from '@zhengban/shared';

/**
 * The fields a rule can test, taken from one reported item. A field the item does not
 * have stays undefined, and a rule that gives a pattern for it does not match.
 */
export interface Subject {
  name: string;
  publisher?: string | undefined;
  version?: string | undefined;
  edition?: string | undefined;
  osId?: string | undefined;
  /** Trace subjects: a service's or task's command line. */
  path?: string | undefined;
  /** Trace subjects: a registry value. */
  value?: string | undefined;
}

export const osSubject = (os: OperatingSystem): Subject => ({
  name: os.name,
  version: os.version,
  edition: os.edition,
  osId: os.id,
});

export const officeSubject = (suite: OfficeSuite): Subject => ({
  name: suite.name,
  publisher: suite.vendor,
  version: suite.version,
  edition: suite.edition,
});

export const antivirusSubject = (av: Antivirus): Subject => ({ name: av.name, publisher: av.vendor, version: av.version });

export const softwareSubject = (item: SoftwareItem): Subject => ({
  name: item.name,
  publisher: item.publisher,
  version: item.version,
});
