import type { Example, Negative } from './examples.js';

const win = (name: string, edition: string | undefined, version: string) => ({ name, osId: 'windows', version, ...(edition ? { edition } : {}) });

export const OS_EXAMPLES: Example[] = [
  // Windows client: EditionID first, the localised name when it is missing.
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 专业版', 'Professional', '10.0.19045'), product: 'windows', edition: 'pro', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 11 家庭中文版', 'CoreCountrySpecific', '10.0.22631'), product: 'windows', edition: 'home', release: '11', licence: 'personal-use-only' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 11 Home Single Language', 'CoreSingleLanguage', '10.0.22631'), product: 'windows', edition: 'home', release: '11', licence: 'personal-use-only' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 Home', 'Core', '10.0.19045'), product: 'windows', edition: 'home', release: '10', licence: 'personal-use-only' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 企业版 LTSC', 'EnterpriseS', '10.0.17763'), product: 'windows', edition: 'enterprise-ltsc', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 Enterprise 2016 LTSB', undefined, '10.0.14393'), product: 'windows', edition: 'enterprise-ltsc', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 Enterprise', 'Enterprise', '10.0.19045'), product: 'windows', edition: 'enterprise', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 11 Enterprise multi-session', 'ServerRdsh', '10.0.22631'), product: 'windows', edition: 'enterprise', release: '11', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 Education', 'Education', '10.0.19045'), product: 'windows', edition: 'education', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 11 Pro Education', 'ProfessionalEducation', '10.0.22631'), product: 'windows', edition: 'pro-education', release: '11', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 11 专业工作站版', 'ProfessionalWorkstation', '10.0.22631'), product: 'windows', edition: 'pro-workstation', release: '11', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 IoT Enterprise LTSC', 'IoTEnterpriseS', '10.0.19044'), product: 'windows', edition: 'iot-enterprise', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 10 神州网信政府版', 'EnterpriseG', '10.0.19044'), product: 'windows', edition: 'enterprise-g', release: '10', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 7 旗舰版', 'Ultimate', '6.1.7601'), product: 'windows', edition: 'ultimate', release: '7', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 7 Starter', 'Starter', '6.1.7601'), product: 'windows', edition: 'starter', release: '7', licence: 'personal-use-only' },
  { rule: 'windows/client', on: 'os', facts: win('Microsoft Windows 8.1 Pro', 'Professional', '6.3.9600'), product: 'windows', edition: 'pro', release: '8.1', licence: 'commercial' },
  // Release from the build when the name has none.
  { rule: 'windows/client', on: 'os', facts: win('Windows', 'Professional', '10.0.26100'), product: 'windows', edition: 'pro', release: '11', licence: 'commercial' },
  { rule: 'windows/client', on: 'os', facts: win('Windows', 'Professional', '6.2.9200'), product: 'windows', edition: 'pro', release: '8', licence: 'commercial' },
  // Windows Server.
  { rule: 'windows-server/name', on: 'os', facts: win('Microsoft Windows Server 2019 Standard', 'ServerStandard', '10.0.17763'), product: 'windows-server', edition: 'standard', release: '2019', licence: 'commercial' },
  { rule: 'windows-server/name', on: 'os', facts: win('Microsoft Windows Server 2012 R2 Datacenter', 'ServerDatacenter', '6.3.9600'), product: 'windows-server', edition: 'datacenter', release: '2012 R2', licence: 'commercial' },
  { rule: 'windows-server/name', on: 'os', facts: win('Microsoft Windows Server 2022 Essentials', 'ServerSolution', '10.0.20348'), product: 'windows-server', edition: 'essentials', release: '2022', licence: 'commercial' },
  { rule: 'windows-server/name', on: 'os', facts: win('Microsoft Windows Server 2008 R2 Enterprise', 'ServerEnterprise', '6.1.7601'), product: 'windows-server', edition: 'enterprise', release: '2008 R2', licence: 'commercial' },
  { rule: 'windows-server/name', on: 'os', facts: win('Microsoft Hyper-V Server 2019', 'ServerHyperCore', '10.0.17763'), product: 'windows-server', edition: 'hyper-v', release: '2019', licence: 'free-for-orgs' },
  { rule: 'windows-server/edition-id', on: 'os', facts: win('Windows', 'ServerDatacenter', '10.0.20348'), product: 'windows-server', edition: 'datacenter', release: '2022', licence: 'commercial' },
  // Chinese systems.
  { rule: 'kylin/os-id', on: 'os', facts: { name: 'Kylin V10 SP1', osId: 'kylin', version: 'V10 SP1', edition: 'Desktop' }, product: 'kylin', edition: 'desktop', release: 'V10 SP1', licence: 'commercial' },
  { rule: 'kylin/os-id', on: 'os', facts: { name: 'Kylin V10 SP1', osId: 'kylin', version: 'V10 SP1', edition: 'Desktop EDU' }, product: 'kylin', edition: 'education', release: 'V10 SP1', licence: 'commercial' },
  { rule: 'kylin/os-id', on: 'os', facts: { name: 'Kylin Linux Advanced Server V10 (Lance)', osId: 'kylin', version: 'V10 SP3', edition: 'Advanced Server' }, product: 'kylin', edition: 'advanced-server', release: 'V10 SP3', licence: 'commercial' },
  { rule: 'kylin/os-id', on: 'os', facts: { name: 'Kylin V10', osId: 'kylin' }, product: 'kylin', release: 'V10', licence: 'commercial' },
  { rule: 'neokylin/os-id', on: 'os', facts: { name: 'NeoKylin Linux Advanced Server V7Update6 (Chromium)', osId: 'neokylin', version: 'V7Update6', edition: 'Advanced Server' }, product: 'neokylin', edition: 'advanced-server', release: 'V7', licence: 'commercial' },
  { rule: 'neokylin/os-id', on: 'os', facts: { name: 'NeoKylin Linux Desktop 7.0', osId: 'neokylin', version: '7.0' }, product: 'neokylin', edition: 'desktop', release: '7', licence: 'commercial' },
  { rule: 'uos/os-id', on: 'os', facts: { name: 'UnionTech OS Desktop 20 Pro', osId: 'uos', version: '20', edition: 'Desktop Professional' }, product: 'uos', edition: 'professional', release: '20', licence: 'commercial' },
  { rule: 'uos/os-id', on: 'os', facts: { name: 'UnionTech OS Desktop 20 Pro', osId: 'uos', version: '20' }, product: 'uos', edition: 'professional', release: '20', licence: 'commercial' },
  { rule: 'uos/os-id', on: 'os', facts: { name: 'UnionTech OS Server 20', osId: 'uos', version: '20', edition: 'Server (c)' }, product: 'uos', edition: 'server', release: '20', licence: 'commercial' },
  { rule: 'uos/os-id', on: 'os', facts: { name: 'UnionTech OS Desktop 20 Home', osId: 'uos', version: '20', edition: 'Desktop Home' }, product: 'uos', edition: 'home', release: '20', licence: 'personal-use-only' },
  { rule: 'uos/os-id', on: 'os', facts: { name: 'UnionTech OS Desktop 20 Education', osId: 'uos', version: '20', edition: 'Desktop Education' }, product: 'uos', edition: 'education', release: '20', licence: 'commercial' },
  { rule: 'nfs-desktop/os-id', on: 'os', facts: { name: 'NFS Desktop 4.0', osId: 'nfs', version: '4.0' }, product: 'nfs-desktop', release: '4.0', licence: 'commercial' },
  { rule: 'isoft/os-id', on: 'os', facts: { name: 'iSoft Desktop 6.0', osId: 'isoft', version: '6.0' }, product: 'isoft', release: '6.0', licence: 'commercial' },
  { rule: 'deepin/os-id', on: 'os', facts: { name: 'Deepin 23', osId: 'deepin', version: '23' }, product: 'deepin', release: '23', licence: 'open-source' },
  { rule: 'openkylin/os-id', on: 'os', facts: { name: 'openKylin 2.0', osId: 'openkylin', version: '2.0' }, product: 'openkylin', release: '2.0', licence: 'open-source' },
  { rule: 'openeuler/os-id', on: 'os', facts: { name: 'openEuler 22.03 (LTS-SP1)', osId: 'openEuler', version: '22.03', edition: 'LTS-SP1' }, product: 'openeuler', release: '22.03', licence: 'open-source' },
  { rule: 'anolis/os-id', on: 'os', facts: { name: 'Anolis OS 8.8', osId: 'anolis', version: '8.8' }, product: 'anolis', release: '8.8', licence: 'open-source' },
  { rule: 'opencloudos/os-id', on: 'os', facts: { name: 'OpenCloudOS 9.0', osId: 'opencloudos', version: '9.0' }, product: 'opencloudos', release: '9.0', licence: 'open-source' },
  { rule: 'ubuntukylin/os-id', on: 'os', facts: { name: 'Ubuntu Kylin 22.04', osId: 'ubuntukylin', version: '22.04' }, product: 'ubuntukylin', release: '22.04', licence: 'open-source' },
  { rule: 'ubuntukylin/name', on: 'os', facts: { name: 'Ubuntu Kylin 20.04 LTS', osId: 'ubuntu', version: '20.04' }, product: 'ubuntukylin', release: '20.04', licence: 'open-source' },
  // International.
  { rule: 'macos/os-id', on: 'os', facts: { name: 'macOS Sonoma 14.4.1', osId: 'macos', version: '14.4.1' }, product: 'macos', release: '14', licence: 'bundled' },
  { rule: 'macos/os-id', on: 'os', facts: { name: 'Mac OS X Mojave 10.14.6', osId: 'macos', version: '10.14.6' }, product: 'macos', release: '10.14', licence: 'bundled' },
  { rule: 'rhel/os-id', on: 'os', facts: { name: 'Red Hat Enterprise Linux 9.2 (Plow)', osId: 'rhel', version: '9.2' }, product: 'rhel', release: '9.2', licence: 'commercial' },
  { rule: 'sles/os-id', on: 'os', facts: { name: 'SUSE Linux Enterprise Server 15 SP5', osId: 'sles', version: '15-SP5' }, product: 'sles', edition: 'server', release: '15', licence: 'commercial' },
  { rule: 'ubuntu/os-id', on: 'os', facts: { name: 'Ubuntu 24.04.2 LTS', osId: 'ubuntu', version: '24.04' }, product: 'ubuntu', release: '24.04', licence: 'open-source' },
  { rule: 'debian/os-id', on: 'os', facts: { name: 'Debian GNU/Linux 12 (bookworm)', osId: 'debian', version: '12' }, product: 'debian', release: '12', licence: 'open-source' },
  { rule: 'debian-derivatives/os-id', on: 'os', facts: { name: 'Linux Mint 21.3', osId: 'linuxmint', version: '21.3' }, product: 'debian-derivatives', release: '21.3', licence: 'open-source' },
  { rule: 'fedora/os-id', on: 'os', facts: { name: 'Fedora Linux 40 (Workstation Edition)', osId: 'fedora', version: '40' }, product: 'fedora', release: '40', licence: 'open-source' },
  { rule: 'rhel-rebuilds/os-id', on: 'os', facts: { name: 'CentOS Linux 7 (Core)', osId: 'centos', version: '7' }, product: 'rhel-rebuilds', release: '7', licence: 'open-source' },
  { rule: 'rhel-rebuilds/os-id', on: 'os', facts: { name: 'Rocky Linux 9.3 (Blue Onyx)', osId: 'rocky', version: '9.3' }, product: 'rhel-rebuilds', release: '9.3', licence: 'open-source' },
  { rule: 'opensuse/os-id', on: 'os', facts: { name: 'openSUSE Leap 15.5', osId: 'opensuse-leap', version: '15.5' }, product: 'opensuse', release: '15.5', licence: 'open-source' },
  { rule: 'arch-family/os-id', on: 'os', facts: { name: 'Arch Linux', osId: 'arch' }, product: 'arch-family', licence: 'open-source' },
  { rule: 'other-free-linux/os-id', on: 'os', facts: { name: 'Alpine Linux v3.19', osId: 'alpine', version: '3.19.1' }, product: 'other-free-linux', release: '3.19', licence: 'open-source' },
];

export const OS_NEGATIVES: Negative[] = [
  { on: 'os', facts: win('Microsoft Windows Server 2019 Standard', 'ServerStandard', '10.0.17763'), not: 'windows', product: 'windows-server' },
  { on: 'os', facts: win('Microsoft Windows 10 Enterprise multi-session', 'ServerRdsh', '10.0.19045'), not: 'windows-server', product: 'windows' },
  { on: 'os', facts: { name: 'Ubuntu Kylin 20.04 LTS', osId: 'ubuntu', version: '20.04' }, not: 'kylin', product: 'ubuntukylin' },
  { on: 'os', facts: { name: 'Ubuntu Kylin 22.04', osId: 'ubuntukylin', version: '22.04' }, not: 'kylin', product: 'ubuntukylin' },
  { on: 'os', facts: { name: 'openKylin 2.0', osId: 'openkylin', version: '2.0' }, not: 'kylin', product: 'openkylin' },
  { on: 'os', facts: { name: 'Deepin 23', osId: 'deepin', version: '23' }, not: 'uos', product: 'deepin' },
  // ID_LIKE does not count: an unknown distribution stays unknown.
  { on: 'os', facts: { name: 'Some Distro 1', osId: 'somedistro' }, not: 'debian', product: undefined },
];
