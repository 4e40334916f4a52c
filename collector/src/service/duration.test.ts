import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads days, hours and minutes', () => {
    expect(parseDuration('7d')).toBe(7 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('30m')).toBe(30 * 60_000);
  });

  it.each(['', '7', 'd', '0d', '-1d', '1.5h', '7 d', '3y', '1234567d'])('refuses %j with E_USAGE', (text) => {
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
