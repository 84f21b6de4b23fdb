import { describe, expect, it } from 'vitest';
import { dueWindow, latestWindow, nextWindow } from '@/lib/retention/schedule';

// Local times, as the scheduler reads them (the server's time zone).
const at = (text: string) => new Date(text);
const daily = { every: 'daily' as const, at: '03:00' };
const hourly = { every: 'hourly' as const, at: '00:15' };

describe('schedule windows', () => {
  it('daily: the window is today’s 03:00 from 03:00 on, yesterday’s before it', () => {
    expect(latestWindow(daily, at('2026-12-03T02:59:59'))).toEqual(at('2026-12-02T03:00:00'));
    expect(latestWindow(daily, at('2026-12-03T03:00:00'))).toEqual(at('2026-12-03T03:00:00'));
    expect(nextWindow(daily, at('2026-12-03T03:00:00'))).toEqual(at('2026-12-04T03:00:00'));
    expect(nextWindow(daily, at('2026-12-03T02:00:00'))).toEqual(at('2026-12-03T03:00:00'));
  });

  it('hourly: at the minute of `at`, every hour', () => {
    expect(latestWindow(hourly, at('2026-12-03T10:14:00'))).toEqual(at('2026-12-03T09:15:00'));
    expect(latestWindow(hourly, at('2026-12-03T10:15:30'))).toEqual(at('2026-12-03T10:15:00'));
    expect(nextWindow(hourly, at('2026-12-03T10:15:30'))).toEqual(at('2026-12-03T11:15:00'));
  });

  it('off has no windows', () => {
    expect(latestWindow({ every: 'off', at: '03:00' }, at('2026-12-03T10:00:00'))).toBeNull();
    expect(nextWindow({ every: 'off', at: '03:00' }, at('2026-12-03T10:00:00'))).toBeNull();
  });

  it('due: once per window, never for a window before the schedule was set, one run for many missed windows', () => {
    const since = at('2026-12-01T12:00:00');
    expect(dueWindow(daily, at('2026-12-01T13:00:00'), since, null)).toBeNull();
    expect(dueWindow(daily, at('2026-12-02T03:00:01'), since, null)).toEqual(at('2026-12-02T03:00:00'));
    expect(dueWindow(daily, at('2026-12-02T09:00:00'), since, at('2026-12-02T03:00:00'))).toBeNull();
    // Down from the 2nd to the 5th: the 5th's window runs, once.
    expect(dueWindow(daily, at('2026-12-05T08:00:00'), since, at('2026-12-02T03:00:00'))).toEqual(at('2026-12-05T03:00:00'));
    expect(dueWindow(daily, at('2026-12-05T08:00:00'), since, at('2026-12-05T03:00:00'))).toBeNull();
  });
});
