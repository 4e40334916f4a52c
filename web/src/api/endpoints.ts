import { downloadFile, queryString, request, type DownloadedFile } from './client';
import type {
  AuditListBody,
  CatalogView,
  LicenceEventInput,
  LicenceEventWrite,
  LicenceInput,
  LicenceList,
  LicencePatch,
  LicenceWrite,
  ListEntriesBody,
  ListEntryInput,
  ListWrite,
  MachineDetail,
  MachineFilter,
  MachineList,
  MachineMove,
  MachinePatch,
  MoveInput,
  Overview,
  PeopleBody,
  PersonInput,
  PersonPatch,
  PersonWrite,
  ReportFormat,
  ReportName,
  ReportTable,
  ReviewListBody,
  SoftwareBody,
  SpotCheckList,
  SpotCheckView,
  SoftwareChangesBody,
  Trend,
  UnitInput,
  UnitList,
  UnitPatch,
  UnitWrite,
  VerdictHistoryBody,
} from './types';

// Every call the pages make, one line each, so the API's shapes are read in one place.

const id = (machineId: string) => encodeURIComponent(machineId);

export const api = {
  overview: (unit?: string) => request<Overview>('GET', `/dashboard/overview${queryString({ unit })}`),
  trend: (unit: string | undefined, days: number) => request<Trend>('GET', `/dashboard/trend${queryString({ unit, days })}`),
  units: () => request<UnitList>('GET', '/units'),
  machines: (f: MachineFilter) => request<MachineList>('GET', `/machines${queryString({ ...f })}`),
  machine: (machineId: string) => request<MachineDetail>('GET', `/machines/${id(machineId)}`),
  verdicts: (machineId: string) => request<VerdictHistoryBody>('GET', `/machines/${id(machineId)}/verdicts`),
  changes: (machineId: string) => request<SoftwareChangesBody>('GET', `/machines/${id(machineId)}/changes`),
  moves: (machineId: string) => request<{ moves: MachineMove[] }>('GET', `/machines/${id(machineId)}/moves`),
  software: (machineId: string) => request<SoftwareBody>('GET', `/machines/${id(machineId)}/software`),
  patchMachine: (machineId: string, patch: MachinePatch) => request<MachineDetail>('PATCH', `/machines/${id(machineId)}`, patch),
  moveMachine: (machineId: string, move: MoveInput) => request<unknown>('POST', `/machines/${id(machineId)}/move`, move),
  createUnit: (input: UnitInput) => request<UnitWrite>('POST', '/units', input),
  patchUnit: (unitId: number, patch: UnitPatch) => request<UnitWrite>('PATCH', `/units/${unitId}`, patch),
  deleteUnit: (unitId: number) => request<UnitWrite>('DELETE', `/units/${unitId}`),
  people: (unitId: number) => request<PeopleBody>('GET', `/units/${unitId}/people`),
  addPerson: (unitId: number, input: PersonInput) => request<PersonWrite>('POST', `/units/${unitId}/people`, input),
  patchPerson: (personId: number, patch: PersonPatch) => request<PersonWrite>('PATCH', `/people/${personId}`, patch),
  removePerson: (personId: number) => request<PersonWrite>('DELETE', `/people/${personId}`),
  catalog: () => request<CatalogView>('GET', '/catalog'),
  licences: () => request<LicenceList>('GET', '/licences?limit=500'),
  createLicence: (input: LicenceInput) => request<LicenceWrite>('POST', '/licences', input),
  patchLicence: (licenceId: number, patch: LicencePatch) => request<LicenceWrite>('PATCH', `/licences/${licenceId}`, patch),
  deleteLicence: (licenceId: number) => request<LicenceWrite>('DELETE', `/licences/${licenceId}`),
  addLicenceEvent: (licenceId: number, input: LicenceEventInput) => request<LicenceEventWrite>('POST', `/licences/${licenceId}/events`, input),
  review: () => request<ReviewListBody>('GET', '/review/software?limit=200'),
  lists: () => request<ListEntriesBody>('GET', '/lists'),
  addListEntry: (input: ListEntryInput) => request<ListWrite>('POST', '/lists', input),
  removeListEntry: (entryId: number) => request<ListWrite>('DELETE', `/lists/${entryId}`),
  audit: (offset: number) => request<AuditListBody>('GET', `/audit${queryString({ limit: 50, offset })}`),
  spotChecks: () => request<SpotCheckList>('GET', '/spot-checks'),
  spotCheck: (spotCheckId: number) => request<SpotCheckView>('GET', `/spot-checks/${spotCheckId}`),
  report: (name: ReportName, q: ReportQuery) => request<ReportTable>('GET', `/reports/${name}${queryString({ ...q, format: 'json' })}`),
  reportFile: (name: ReportName, q: ReportQuery, format: ReportFormat): Promise<DownloadedFile> =>
    downloadFile(`/reports/${name}`, { ...q, format }, `${name}.${format}`),
};

export interface ReportQuery {
  unit?: string;
  asOf?: string;
  since?: string;
  lang?: 'zh' | 'en';
  /** The spot check forms: which spot check. */
  spotCheck?: number;
}
