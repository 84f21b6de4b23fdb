// When a rule's schedule runs: windows in the server's local time, hourly at the minute of `at` or daily
// at `at`. Pure, so the scheduler and its tests share it; the tests move the clock instead of sleeping.
import type { Schedule } from '@/lib/api/retention';

const HOUR = 3_600_000;

function parts(at: string): { hour: number; minute: number } {
  const [hour, minute] = at.split(':').map(Number);
  return { hour: hour ?? 0, minute: minute ?? 0 };
}

/** The newest window at or before `now`, or null when the schedule is off. */
export function latestWindow(schedule: Schedule, now: Date): Date | null {
  if (schedule.every === 'off') return null;
  const { hour, minute } = parts(schedule.at);
  const window = new Date(now);
  window.setSeconds(0, 0);
  if (schedule.every === 'hourly') {
    window.setMinutes(minute);
    if (window.getTime() > now.getTime()) window.setTime(window.getTime() - HOUR);
    return window;
  }
  window.setHours(hour, minute);
  // setDate, not − 24 h: a day across a daylight-saving change is 23 or 25 hours long.
  if (window.getTime() > now.getTime()) window.setDate(window.getDate() - 1);
  window.setHours(hour, minute);
  return window;
}

/** The first window after `now`, or null when the schedule is off. */
export function nextWindow(schedule: Schedule, now: Date): Date | null {
  const latest = latestWindow(schedule, now);
  if (!latest) return null;
  const next = new Date(latest);
  if (schedule.every === 'hourly') next.setTime(next.getTime() + HOUR);
  else {
    next.setDate(next.getDate() + 1);
    const { hour, minute } = parts(schedule.at);
    next.setHours(hour, minute);
  }
  return next;
}

/**
 * The window a run is due for now, or null: the newest one, if it began after the schedule was set and no
 * run has claimed it. However many windows were missed (the server was down for days), it is one run.
 */
export function dueWindow(schedule: Schedule, now: Date, scheduledSince: Date, lastClaimed: Date | null): Date | null {
  const window = latestWindow(schedule, now);
  if (!window || window.getTime() <= scheduledSince.getTime()) return null;
  if (lastClaimed && window.getTime() <= lastClaimed.getTime()) return null;
  return window;
}
