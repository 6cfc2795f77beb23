// The clock of a local run: the machine's time until someone sets it, then running on from the
// instant set, as the demo needs to walk through a conference's reminder dates.
import { Temporal } from 'temporal-polyfill';
import { AdjustableClock } from '../../functions/src/local/adjustable-clock';

/** The machine's time, as the test moves it. */
function machine(start: string): { read: () => number; pass(ms: number): void } {
  let now = Date.parse(start);
  return {
    read: () => now,
    pass: (ms) => {
      now += ms;
    },
  };
}

describe('the adjustable clock', () => {
  test("reads the machine's time until it is set", () => {
    const system = machine('2026-11-20T08:00:00Z');
    const clock = new AdjustableClock(system.read);
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-11-20T08:00:00Z'));
    system.pass(1500);
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-11-20T08:00:01.5Z'));
    expect(clock.adjusted).toBe(false);
  });

  test('reads the instant it was set to, and runs on from there as the machine’s time passes', () => {
    const system = machine('2026-11-20T08:00:00Z');
    const clock = new AdjustableClock(system.read);
    clock.set(Temporal.Instant.from('2026-12-03T09:00:00Z'));
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-12-03T09:00:00Z'));
    expect(clock.adjusted).toBe(true);
    system.pass(60_000);
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-12-03T09:01:00Z'));
  });

  test('can be set back in time as well as forward, each setting replacing the last', () => {
    const system = machine('2026-11-20T08:00:00Z');
    const clock = new AdjustableClock(system.read);
    clock.set(Temporal.Instant.from('2026-12-03T09:00:00Z'));
    clock.set(Temporal.Instant.from('2026-11-01T12:00:00Z'));
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-11-01T12:00:00Z'));
  });

  test("goes back to the machine's time when reset", () => {
    const system = machine('2026-11-20T08:00:00Z');
    const clock = new AdjustableClock(system.read);
    clock.set(Temporal.Instant.from('2026-12-03T09:00:00Z'));
    system.pass(5000);
    clock.reset();
    expect(clock.now()).toEqual(Temporal.Instant.from('2026-11-20T08:00:05Z'));
    expect(clock.adjusted).toBe(false);
  });

  test('counts as not adjusted when set to the machine’s own time', () => {
    const system = machine('2026-11-20T08:00:00Z');
    const clock = new AdjustableClock(system.read);
    clock.set(Temporal.Instant.from('2026-11-20T08:00:00Z'));
    expect(clock.adjusted).toBe(false);
  });

  test("uses the machine's real clock by default", () => {
    const before = Date.now();
    const read = new AdjustableClock().now().epochMilliseconds;
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });
});
