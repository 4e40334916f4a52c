import type { DisposalKind, LicenceEventKind, LicenceModel, ListKind, PersonRole, UnitKind, UnitSector } from './api/types';
import type { Option } from './components/Fields';
import { t } from './i18n';

// The API's closed sets a form chooses from (its TypeBox unions), in the order a reader
// expects, each in the reader's words. Made when drawn, so a language switch shows.

const options = <K extends string>(values: readonly K[], word: (value: K) => string): Option[] => values.map((value) => ({ value, label: word(value) }));

export const unitKinds = () => options<UnitKind>(['province', 'city', 'county', 'department', 'town', 'other'], (k) => t(`unitKind.${k}`));
export const unitSectors = () => options<UnitSector>(['organ', 'institution', 'enterprise'], (s) => t(`sector.${s}`));
export const personRoles = () => options<PersonRole>(['first-responsible', 'leader-in-charge', 'contact'], (r) => t(`personRole.${r}`));
export const listKinds = () => options<ListKind>(['deny', 'allow'], (l) => t(`lists.${l}`));
export const licenceModels = () =>
  options<LicenceModel>(['retail', 'oem', 'mak', 'kms', 'subscription', 'network', 'site', 'open-source', 'free'], (m) => t(`model.${m}`));
export const eventKinds = () => options<LicenceEventKind>(['purchase', 'install', 'upgrade', 'renewal', 'disposal'], (k) => t(`event.${k}`));
export const disposals = () => options<DisposalKind>(['transfer', 'donation', 'reallocation', 'scrap'], (d) => t(`disposal.${d}`));
