import { describe, expect, it } from 'vitest';
import { hashToken, newAgentId, newToken } from './tokens.js';

describe('tokens', () => {
  it('makes prefixed 32-byte tokens that differ every time', () => {
    const a = newToken('admin');
    expect(a).toMatch(/^zba_[A-Za-z0-9_-]{43}$/);
    expect(newToken('enrollment')).toMatch(/^zbe_/);
    expect(newToken('admin')).not.toBe(a);
  });

  it('hashes with SHA-256 hex, never returning the token', () => {
    const t = newToken('admin');
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(hashToken(t));
    expect(hashToken(t)).not.toContain(t.slice(4));
  });

  it('makes agent ids of ag_ and 32 hex digits', () => {
    expect(newAgentId()).toMatch(/^ag_[0-9a-f]{32}$/);
  });
});
