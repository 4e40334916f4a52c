// What native binaries ask of the target's C and C++ libraries, read from their
// version needs (readelf -V), so that a package's dependencies say what its runtime
// and better-sqlite3 really need on the machine that built them. Node 20.20.2's
// official builds need glibc 2.28 and GLIBCXX_3.4.21; a better-sqlite3 compiled on
// Debian 12 needs glibc 2.34 and GLIBCXX_3.4.29.
import { run } from './stage.mjs';

/** The first libstdc++6 (Debian's version) that provides each GLIBCXX_3.4.x. */
const LIBSTDCXX = { 21: '5.2', 22: '6', 23: '7', 24: '7.2', 25: '8', 26: '9', 27: '10', 28: '10', 29: '11', 30: '12', 31: '13', 32: '13.2', 33: '14' };

const newest = (versions) => versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);

/** { glibc: '2.34', glibcxx: '3.4.29' } over every file given (readelf reads any CPU's ELF). */
export function elfNeeds(files) {
  const text = run('readelf', ['-V', '--wide', ...files]);
  return {
    glibc: newest([...text.matchAll(/\bGLIBC_(\d+\.\d+(?:\.\d+)?)/g)].map((m) => m[1])),
    glibcxx: newest([...text.matchAll(/\bGLIBCXX_(3\.4\.\d+)/g)].map((m) => m[1])),
  };
}

/** Debian's Depends for those needs. */
export function debDepends({ glibc, glibcxx }) {
  const cxx = LIBSTDCXX[Number(glibcxx.split('.')[2])];
  if (!cxx) throw new Error(`which libstdc++6 provides GLIBCXX_${glibcxx}? add it to scripts/package/elf-needs.mjs`);
  return `libc6 (>= ${glibc}), libstdc++6 (>= ${cxx}), libgcc-s1 | libgcc1`;
}

/** RPM's capabilities for those needs, as rpm's own dependency generator names them. */
export function rpmRequires({ glibc, glibcxx }) {
  return [`libc.so.6(GLIBC_${glibc})(64bit)`, `libstdc++.so.6(GLIBCXX_${glibcxx})(64bit)`];
}
