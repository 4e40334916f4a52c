import type { Finding, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { classifyMachine } from '../../src/classify/index.js';
import { isLoopback, normaliseHost } from '../../src/classify/kms.js';
import { ctx, windows } from './builders.js';

function osFinding(s: Snapshot, trusted: string[] = []): Finding {
  const f = classifyMachine(s, ctx(trusted)).findings.find((x) => x.category === 'os');
  if (!f) throw new Error('no os finding');
  return f;
}

const kms = (kmsHost: string, extra = {}) =>
  windows({ channel: 'Volume:GVLK', partialKey: 'T83GX', graceRemainingMinutes: 250000, kmsHost, ...extra });

describe('KMS checks', () => {
  it('calls a loopback KMS host a crack activator even though Windows says activated', () => {
    const f = osFinding(kms('127.0.0.2'));
    expect(f.code).toBe('crack-activator');
    expect(f.message).toContain('127.0.0.2');
    expect(f.messageZh).toContain('破解激活工具');
    expect(f.facts).toContain('os.activation.state = activated');
    expect(f.facts).toContain('os.activation.kmsHost = 127.0.0.2');
  });

  it('does not let a policy trust a loopback host', () => {
    expect(osFinding(kms('127.0.0.2:1688'), ['127.0.0.2']).code).toBe('crack-activator');
  });

  it('calls a public KMS server of crack tools a crack activator, naming it and the tool, even if a policy lists it', () => {
    const f = osFinding(kms('KMS.03k.org'));
    expect(f.code).toBe('crack-activator');
    expect(f.message).toContain('KMS.03k.org');
    expect(f.message).toContain('Microsoft Activation Scripts');
    expect(f.messageZh).toContain('破解工具');
    expect(f.facts).toContain('os.activation.kmsHost = KMS.03k.org');
    expect(osFinding(kms('kms.03k.org'), ['kms.03k.org']).code).toBe('crack-activator');
  });

  it('licenses activation through the organisation KMS listed in the policy', () => {
    const f = osFinding(kms('KMS.Zhengfu.gov.cn:1688'), ['kms.zhengfu.gov.cn']);
    expect(f.code).toBe('licensed');
  });

  it('calls a KMS host missing from the policy untrusted', () => {
    const f = osFinding(kms('10.20.30.40'), ['kms.zhengfu.gov.cn']);
    expect(f.code).toBe('untrusted-kms');
    expect(f.message).toContain('10.20.30.40');
    expect(f.message).toContain('trusted: kms.zhengfu.gov.cn');
  });

  it('applies KMS checks whatever the state', () => {
    expect(osFinding(kms('kms.example.com', { state: 'grace' })).code).toBe('untrusted-kms');
  });

  it('treats the activators’ default addresses as cracks unless the policy lists them', () => {
    expect(osFinding(kms('172.16.0.2')).code).toBe('crack-activator');
    expect(osFinding(kms('10.0.0.10')).message).toContain('Ohook');
    expect(osFinding(kms('10.0.0.10'), ['10.0.0.10']).code).toBe('licensed');
  });

  it('calls a KMS client licence longer than 180 days a KMS38 crack', () => {
    const f = osFinding(windows({ channel: 'Volume:GVLK', graceRemainingMinutes: 10_000_000 }));
    expect(f.code).toBe('crack-activator');
    expect(f.message).toContain('KMS38');
  });

  it('leaves a 180-day KMS client licence through a trusted host alone', () => {
    expect(osFinding(kms('kms.org', { graceRemainingMinutes: 259200 }), ['kms.org']).code).toBe('licensed');
  });
});

describe('host helpers', () => {
  it('normalises case, ports, brackets and trailing dots', () => {
    expect(normaliseHost(' KMS.Org.CN.:1688 ')).toBe('kms.org.cn');
    expect(normaliseHost('[::1]:1688')).toBe('::1');
    expect(normaliseHost('fe80::1')).toBe('fe80::1');
  });

  it('recognises loopback in its spellings', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.2']) {
      expect(isLoopback(h), h).toBe(true);
    }
    for (const h of ['10.0.0.10', '1127.0.0.1', 'kms.org', 'fe80::1']) expect(isLoopback(h), h).toBe(false);
  });
});
