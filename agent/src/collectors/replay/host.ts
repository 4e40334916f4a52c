// Input, as the recorder stores them:
//   uname.txt   `uname -n -r -m`   kylin-pc 5.4.18-110-generic aarch64
//   cpuinfo     /proc/cpuinfo      processor	: 0 … model name	: Intel(R) Core(TM) i5-8500 …
//                                  (aarch64 has no model name; Loongson prints "Model Name")
//   meminfo     /proc/meminfo      MemTotal:       16263236 kB
//   sysctl.txt  (macOS) `sysctl hw.model hw.ncpu hw.memsize machdep.cpu.brand_string`
//                                  hw.ncpu: 8
import type { HostFacts } from '../host.js';
import { readSource, runIfInstalled, type Io } from '../io.js';
import { parseSysctl } from '../macos/hardware.parse.js';
import { LINUX_COMMON } from '../sources/common.js';
import { MACOS } from '../sources/macos.js';
import { clean, clip, fieldLines, uint } from '../text.js';

/**
 * The host facts a live scan takes from Node (hostname, kernel, CPU, memory), read
 * from the recording instead. Network addresses are not recorded, so there are none.
 * What the recording lacks is left at a neutral value, never taken from this machine.
 */
export async function recordedHost(io: Io, platform: 'linux' | 'darwin'): Promise<HostFacts> {
  const uname = parseUname((await runIfInstalled(io, platform === 'linux' ? LINUX_COMMON.uname : MACOS.uname)) ?? '');
  const host: HostFacts = {
    hostname: uname.hostname ?? 'unknown',
    kernel: uname.kernel ?? '',
    arch: uname.arch ?? 'unknown',
    cpuCores: 0,
    memoryBytes: 0,
    macAddresses: [],
  };
  if (platform === 'linux') {
    const cpu = parseCpuinfo((await readSource(io, LINUX_COMMON.cpuinfo)) ?? '');
    host.cpuCores = cpu.cores;
    if (cpu.model) host.cpu = cpu.model;
    host.memoryBytes = parseMemTotal((await readSource(io, LINUX_COMMON.meminfo)) ?? '');
  } else {
    // sysctl exits 1 when one name is unknown (machdep.cpu.brand_string on some Macs) and still prints the rest.
    const sysctl = parseSysctl((await runIfInstalled(io, MACOS.sysctl, { okExitCodes: [1] })) ?? '');
    host.cpuCores = uint(sysctl['hw.ncpu']) ?? 0;
    host.memoryBytes = uint(sysctl['hw.memsize']) ?? 0;
    const model = clean(sysctl['machdep.cpu.brand_string'], 200);
    if (model) host.cpu = model;
  }
  return host;
}

export function parseUname(text: string): { hostname?: string; kernel?: string; arch?: string } {
  const [hostname, kernel, arch] = text.trim().split(/\s+/);
  const out: { hostname?: string; kernel?: string; arch?: string } = {};
  if (hostname) out.hostname = clip(hostname, 255);
  if (kernel) out.kernel = clip(kernel, 200);
  if (arch) out.arch = clip(arch, 50);
  return out;
}

/** `key : value` lines; the first of a repeated key wins (cpuinfo repeats per CPU). */
export function parseColonPairs(text: string): Map<string, string> {
  return fieldLines(text, /^\s*([^:]*?)\s*:\s*(.*?)\s*$/);
}

export function parseCpuinfo(text: string): { cores: number; model?: string } {
  const cores = text.split(/\r?\n/).filter((l) => /^processor\s*:/i.test(l)).length;
  const pairs = parseColonPairs(text);
  // x86 "model name", Loongson "Model Name", some ARM boards "Hardware" or "cpu model".
  const model = ['model name', 'Model Name', 'cpu model', 'Hardware'].map((k) => clean(pairs.get(k), 200)).find(Boolean);
  return model ? { cores, model } : { cores };
}

export function parseMemTotal(text: string): number {
  const m = /^MemTotal:\s*(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}
