import { describe, expect, it } from 'vitest';
import { liveBuilder, type BuildSnapshot } from '../src/commands/io.js';
import { fakeBuild } from './helpers.js';

describe('liveBuilder', () => {
  it('passes the Windows options the CLI read on to every build, report and daemon alike', async () => {
    const seen: Parameters<BuildSnapshot>[0][] = [];
    const spy: BuildSnapshot = (opts) => {
      seen.push(opts);
      return fakeBuild(opts);
    };
    const build = await liveBuilder(spy, { systemRoot: 'C:\\Windows' });
    await build({ agentId: 'a1', seq: 7 });
    expect(seen).toEqual([{ agentId: 'a1', seq: 7, windows: { systemRoot: 'C:\\Windows' } }]);
  });

  it('leaves the options alone when there is nothing to add', async () => {
    const build = await liveBuilder(fakeBuild, undefined);
    expect(build).toBe(fakeBuild);
  });
});
