import { describe, expect, it } from 'vitest';
import { type ListenerErrorLog, SafeEventEmitter } from './safe-event-emitter.ts';

type Events = { tick: [n: number]; error: [Error] };

function emitter() {
  const logged: { event: string; err: unknown }[] = [];
  const log: ListenerErrorLog = { error: (details) => logged.push(details) };
  return { emitter: new SafeEventEmitter<Events>(log), logged };
}

describe('SafeEventEmitter.safeEmit', () => {
  it('a throwing listener stops neither the next listener nor the caller, and is logged', () => {
    const { emitter: e, logged } = emitter();
    const heard: string[] = [];
    e.on('tick', (n) => heard.push(`first ${n}`));
    e.on('tick', () => {
      throw new Error('bad listener');
    });
    e.on('tick', (n) => heard.push(`third ${n}`));
    expect(e.safeEmit('tick', 7)).toBe(true);
    expect(heard).toEqual(['first 7', 'third 7']);
    expect(logged).toEqual([{ event: 'tick', err: new Error('bad listener') }]);
  });

  it('runs once() listeners once and says whether anyone listened', () => {
    const { emitter: e } = emitter();
    let calls = 0;
    e.once('tick', () => calls++);
    expect(e.safeEmit('tick', 1)).toBe(true);
    expect(e.safeEmit('tick', 2)).toBe(false);
    expect(calls).toBe(1);
  });

  it('does not throw for an error event no one listens to', () => {
    const { emitter: e } = emitter();
    expect(e.safeEmit('error', new Error('nobody hears'))).toBe(false);
  });

  it('lets a subclass report a throwing listener on its own channel', () => {
    const reported: string[] = [];
    class Reporting extends SafeEventEmitter<Events> {
      protected override listenerFailed(event: keyof Events & string, error: unknown): void {
        reported.push(`${event}: ${(error as Error).message}`);
      }
    }
    const e = new Reporting({ error: () => undefined });
    e.on('tick', () => {
      throw new Error('boom');
    });
    e.safeEmit('tick', 1);
    expect(reported).toEqual(['tick: boom']);
  });
});
