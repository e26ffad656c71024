import { describe, expect, it } from 'vitest';
import { counterSettings } from '../src/lib/counters/settings';

describe('COUNTER_PORT', () => {
  it('is 1338 unless set, any free port with 0, none with off', () => {
    expect(counterSettings({}).port).toBe(1338);
    expect(counterSettings({ COUNTER_PORT: '' }).port).toBe(1338);
    expect(counterSettings({ COUNTER_PORT: ' 1400 ' }).port).toBe(1400);
    expect(counterSettings({ COUNTER_PORT: '0' }).port).toBe(0);
    expect(counterSettings({ COUNTER_PORT: 'off' }).port).toBeNull();
    expect(counterSettings({ COUNTER_PORT: 'OFF' }).port).toBeNull();
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['abc', '-1', '65536', '1e3', '0x10', '13 38', '1338.0', 'no', 'false', '99999999']) {
      expect(() => counterSettings({ COUNTER_PORT: value }), value).toThrow(/^COUNTER_PORT must be a port \(0–65535, 0: any free one\) or "off"/);
    }
  });
});
