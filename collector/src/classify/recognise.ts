import type { Snapshot, SoftwareItem } from '@zhengban/shared';
import type { CompiledCatalog, Recognition } from '../catalog/types.js';

/** What the catalog made of one machine's products, index for index. */
export interface Recognised {
  os: Recognition | undefined;
  office: (Recognition | undefined)[];
  antivirus: (Recognition | undefined)[];
  /** Installed software a catalog rule recognised, with its index in `snapshot.software`. */
  software: { index: number; item: SoftwareItem; recognition: Recognition }[];
}

export function recognise(snapshot: Pick<Snapshot, 'os' | 'office' | 'antivirus' | 'software'>, catalog: CompiledCatalog): Recognised {
  const software: Recognised['software'] = [];
  snapshot.software.forEach((item, index) => {
    const recognition = catalog.recogniseSoftware(item);
    if (recognition) software.push({ index, item, recognition });
  });
  return {
    os: catalog.recogniseOs(snapshot.os),
    office: snapshot.office.map((s) => catalog.recogniseOffice(s)),
    antivirus: snapshot.antivirus.map((a) => catalog.recogniseAntivirus(a)),
    software,
  };
}
