import type { Category, Finding, FindingCode } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { categoryPasses, overallStatus } from '../../src/classify/combine.js';

const f = (category: Category, code: FindingCode, subject: string = category): Finding => ({
  category,
  code,
  passed: code === 'licensed',
  subject,
  message: code,
  messageZh: code,
  facts: [`code = ${code}`],
});

describe('combining findings', () => {
  it('fails a required category with no findings, passes an empty "other"', () => {
    expect(categoryPasses('os', [])).toBe(false);
    expect(categoryPasses('other', [])).toBe(true);
  });

  it('lets an infringement fail even an "any" category', () => {
    expect(categoryPasses('antivirus', [f('antivirus', 'licensed', 'ClamAV'), f('antivirus', 'disabled', 'Defender')])).toBe(true);
    expect(categoryPasses('antivirus', [f('antivirus', 'licensed'), f('antivirus', 'crack-activator')])).toBe(false);
  });

  it('passes an "any" category only through a product whose findings all pass', () => {
    // Defender for Endpoint: its own licensing expired, though the registry covers it.
    const expired = [f('antivirus', 'expired', 'MDE'), f('antivirus', 'licensed', 'MDE')];
    expect(categoryPasses('antivirus', expired)).toBe(false);
    expect(categoryPasses('antivirus', [...expired, f('antivirus', 'licensed', 'ClamAV')])).toBe(true);
  });

  it('is unauthorized when an "other" finding fails', () => {
    const base = [f('os', 'licensed'), f('office', 'licensed'), f('antivirus', 'licensed')];
    expect(overallStatus(base)).toBe('licensed');
    expect(overallStatus([...base, f('other', 'denied-software')])).toBe('unauthorized');
  });
});
