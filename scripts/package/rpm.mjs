// An .rpm from a staged root: the spec template from packaging/ with the stage, the
// versions and the payload's compression filled in, built by rpmbuild for `arch`
// (x86_64, aarch64) without compiling anything, xz-compressed like the .debs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseModes, put, render, run, tempRoot, XZ_LEVEL, XZ_THREADS } from './stage.mjs';

export function buildRpm({ root, outDir, name, spec, arch, values }) {
  normaliseModes(root);
  const top = tempRoot('rpmbuild');
  try {
    const text = render(spec, { ...values, STAGE: root, PAYLOAD: `w${XZ_LEVEL}T${XZ_THREADS}.xzdio` });
    const specFile = put(top, 'SPECS/package.spec', { text });
    run('rpmbuild', [
      '-bb', '--quiet', '--target', `${arch}-linux`,
      '--define', `_topdir ${top}`,
      '--define', `_rpmdir ${outDir}`,
      '--define', '_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm',
      specFile,
    ]);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
  return join(outDir, `${name}-${values.VERSION}-${values.RELEASE}.${arch}.rpm`);
}
