import type { Example, Negative } from './examples.js';

const ms = (name: string, edition: string | undefined, version: string) => ({ name, publisher: 'Microsoft', version, ...(edition ? { edition } : {}) });

export const OFFICE_EXAMPLES: Example[] = [
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Professional Plus 2016', 'Professional Plus 2016', '16.0'), product: 'ms-office', edition: 'professional-plus', release: '2016', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Standard 2016', 'Standard 2016', '16.0'), product: 'ms-office', edition: 'standard', release: '2016', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Professional Plus 2021', 'Professional Plus 2021', '16.0.14332.20812'), product: 'ms-office', edition: 'professional-plus', release: '2021', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office LTSC Professional Plus 2024', undefined, '16.0.17932.20130'), product: 'ms-office', edition: 'ltsc-professional-plus', release: '2024', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office LTSC 标准版 2021', undefined, '16.0.14332.20812'), product: 'ms-office', edition: 'ltsc-standard', release: '2021', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Home and Business 2019', 'Home and Business 2019', '16.0.18129.20158'), product: 'ms-office', edition: 'home-business', release: '2019', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Home and Student 2019', 'Home and Student 2019', '16.0.18129.20158'), product: 'ms-office', edition: 'home-student', release: '2019', licence: 'personal-use-only' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office 家庭和学生版 2016', undefined, '16.0'), product: 'ms-office', edition: 'home-student', release: '2016', licence: 'personal-use-only' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office 专业增强版 2010', undefined, '14.0'), product: 'ms-office', edition: 'professional-plus', release: '2010', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Enterprise 2007', 'Enterprise 2007', '12.0'), product: 'ms-office', edition: 'enterprise', release: '2007', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Professional 2013', 'Professional 2013', '15.0'), product: 'ms-office', edition: 'professional', release: '2013', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Small Business 2007', undefined, '12.0'), product: 'ms-office', edition: 'small-business', release: '2007', licence: 'commercial' },
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office Mondo 2016', 'Mondo 2016', '16.0'), product: 'ms-office', edition: 'mondo', release: '2016', licence: 'commercial' },
  // The release from the major version when the name has no year.
  { rule: 'ms-office/name', on: 'office', facts: ms('Microsoft Office (ProPlus)', 'ProPlus', '15.0.4569.1506'), product: 'ms-office', edition: 'professional-plus', release: '2013', licence: 'commercial' },
  { rule: 'ms-office/mac', on: 'office', facts: ms('Microsoft Office for Mac', 'Office 2021 Volume License', '16.78.3'), product: 'ms-office', edition: 'ltsc-standard', release: '2021', licence: 'commercial' },
  { rule: 'ms-office/mac', on: 'office', facts: ms('Microsoft Office for Mac', 'Office 2019 Volume License', '16.40'), product: 'ms-office', edition: 'standard', release: '2019', licence: 'commercial' },
  { rule: 'ms-office/mac', on: 'office', facts: ms('Microsoft Office for Mac', 'Office 2019 Home and Student', '16.40'), product: 'ms-office', edition: 'home-student', release: '2019', licence: 'personal-use-only' },
  { rule: 'ms-office/mac', on: 'office', facts: ms('Microsoft Office for Mac', undefined, '16.86'), product: 'ms-office', licence: 'commercial' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft 365 Apps for enterprise', 'Microsoft 365 Apps for enterprise', '16.0.18227.20162'), product: 'ms-365', edition: 'apps-enterprise', licence: 'commercial' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft 365 Apps for business', 'Microsoft 365 Apps for business', '16.0.18227.20162'), product: 'ms-365', edition: 'apps-business', licence: 'commercial' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft 365 Business Standard', 'Microsoft 365 Business Standard', '16.0.18227.20162'), product: 'ms-365', edition: 'apps-business', licence: 'commercial' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft 365 Family', 'Microsoft 365 Family', '16.0.18227.20162'), product: 'ms-365', edition: 'family', licence: 'personal-use-only' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft 365 Personal', undefined, '16.0.18227.20162'), product: 'ms-365', edition: 'personal', licence: 'personal-use-only' },
  { rule: 'ms-365/name', on: 'office', facts: ms('Microsoft Office 365 ProPlus', undefined, '16.0.11929.20838'), product: 'ms-365', edition: 'apps-enterprise', licence: 'commercial' },
  { rule: 'ms-365/mac-edition', on: 'office', facts: ms('Microsoft Office for Mac', 'Microsoft 365', '16.83'), product: 'ms-365', licence: 'commercial' },
  // WPS: the agent reports the oem.ini edition word.
  { rule: 'wps-office/name', on: 'office', facts: { name: 'WPS Office', publisher: 'Kingsoft', version: '12.1.0.18608', edition: 'personal' }, product: 'wps-office', edition: 'personal', release: '2023', licence: 'personal-use-only' },
  { rule: 'wps-office/name', on: 'office', facts: { name: 'WPS Office', publisher: 'Kingsoft', version: '11.8.2.12085', edition: 'professional' }, product: 'wps-office', edition: 'professional', release: '2019', licence: 'commercial' },
  { rule: 'wps-office/name', on: 'office', facts: { name: 'WPS Office', publisher: 'Kingsoft', version: '12.8.2.1', edition: 'wps365' }, product: 'wps-office', edition: 'wps365', release: '2023', licence: 'commercial' },
  { rule: 'wps-office/name', on: 'office', facts: { name: 'WPS Office 2019 政务版', publisher: 'Kingsoft', version: '11.8.2.9067' }, product: 'wps-office', edition: 'government', release: '2019', licence: 'commercial' },
  { rule: 'wps-office/name', on: 'office', facts: { name: 'WPS Office', publisher: 'Kingsoft', version: '11.1.0.11723' }, product: 'wps-office', release: '2019', licence: 'commercial' },
  { rule: 'yozo-office/name', on: 'office', facts: { name: '永中Office 2019 专业版', publisher: '永中软件股份有限公司', version: '9.0.3036' }, product: 'yozo-office', edition: 'professional', release: '2019', licence: 'commercial' },
  { rule: 'yozo-office/name', on: 'office', facts: { name: 'Yozo Office', publisher: 'Yozosoft', version: '9.0', edition: 'personal' }, product: 'yozo-office', edition: 'personal', licence: 'personal-use-only' },
  { rule: 'neoshine-office/name', on: 'office', facts: { name: 'NeoShine Office', publisher: 'China Standard Software', version: '6.0' }, product: 'neoshine-office', licence: 'commercial' },
  { rule: 'libreoffice/name', on: 'office', facts: { name: 'LibreOffice', publisher: 'The Document Foundation', version: '4:24.2.7-0ubuntu0.24.04.4' }, product: 'libreoffice', release: '24.2', licence: 'open-source' },
  { rule: 'libreoffice/name', on: 'office', facts: { name: 'LibreOffice 7.4', publisher: 'The Document Foundation', version: '7.4.7.2' }, product: 'libreoffice', release: '7.4', licence: 'open-source' },
  { rule: 'openoffice/name', on: 'office', facts: { name: 'Apache OpenOffice 4.1.15', publisher: 'Apache Software Foundation', version: '4.1.15' }, product: 'openoffice', release: '4.1', licence: 'open-source' },
  { rule: 'onlyoffice-desktop/name', on: 'office', facts: { name: 'ONLYOFFICE Desktop Editors', publisher: 'Ascensio System SIA', version: '8.1.0' }, product: 'onlyoffice-desktop', release: '8.1', licence: 'open-source' },
  { rule: 'apple-iwork/name', on: 'office', facts: { name: 'Apple iWork', publisher: 'Apple', version: '13.2' }, product: 'apple-iwork', release: '13', licence: 'free-for-orgs' },
  // Visio and Project appear in the Windows office list; they are other software.
  { rule: 'ms-visio/office', on: 'office', facts: ms('Microsoft Visio Professional 2016', 'Visio Professional 2016', '16.0'), product: 'ms-visio', edition: 'professional', release: '2016', licence: 'commercial' },
  { rule: 'ms-project/office', on: 'office', facts: ms('Microsoft Project Standard 2019', 'Project Standard 2019', '16.0'), product: 'ms-project', edition: 'standard', release: '2019', licence: 'commercial' },
];

export const OFFICE_NEGATIVES: Negative[] = [
  { on: 'office', facts: ms('Microsoft 365 Apps for enterprise', undefined, '16.0'), not: 'ms-office', product: 'ms-365' },
  { on: 'office', facts: ms('Microsoft Office for Mac', 'Microsoft 365', '16.83'), not: 'ms-office', product: 'ms-365' },
  { on: 'office', facts: ms('Microsoft Office Visio Professional 2007', undefined, '12.0'), not: 'ms-office', product: 'ms-visio' },
  { on: 'office', facts: ms('Microsoft Office Project Professional 2010', undefined, '14.0'), not: 'ms-office', product: 'ms-project' },
  { on: 'office', facts: ms('Microsoft Office Proofing Tools 2016 - Chinese (Simplified)', undefined, '16.0'), not: 'ms-office', product: undefined },
  { on: 'office', facts: { name: 'OpenOffice.org 3.3', version: '3.3' }, not: 'libreoffice', product: 'openoffice' },
];
