import { downloadFile, queryString, request, type DownloadedFile } from './client';
import type {
  AuditListBody,
  LicenceList,
  ListEntriesBody,
  MachineDetail,
  MachineFilter,
  MachineList,
  MachineMove,
  MachinePatch,
  MoveInput,
  Overview,
  ReportFormat,
  ReportName,
  ReportTable,
  ReviewListBody,
  SoftwareBody,
  SoftwareChangesBody,
  Trend,
  UnitList,
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
  licences: () => request<LicenceList>('GET', '/licences?limit=500'),
  review: () => request<ReviewListBody>('GET', '/review/software?limit=200'),
  lists: () => request<ListEntriesBody>('GET', '/lists'),
  audit: (offset: number) => request<AuditListBody>('GET', `/audit${queryString({ limit: 50, offset })}`),
  report: (name: ReportName, q: ReportQuery) => request<ReportTable>('GET', `/reports/${name}${queryString({ ...q, format: 'json' })}`),
  reportFile: (name: ReportName, q: ReportQuery, format: ReportFormat): Promise<DownloadedFile> =>
    downloadFile(`/reports/${name}`, { ...q, format }, `${name}.${format}`),
};

export interface ReportQuery {
  unit?: string;
  asOf?: string;
  since?: string;
  lang?: 'zh' | 'en';
}
