import { ManualClock } from './manual-clock.ts';
import { MemoryRoutingStore } from './memory-store.ts';
import type { QueueConfigInput } from './queue-config.ts';
import {
  RoutingEngine,
  type RoutingEngineOptions,
  RoutingEvent,
  type RoutingEvents,
} from './routing-engine.ts';
import type { RoutingStore } from './store.ts';
import type { AgentProfile, EnqueueInput, PriorityClass } from './types.ts';

/** Shared set-up for the routing tests: fake time, a memory store, and a log of every event. */

export const QUEUES: QueueConfigInput[] = [
  { id: 'q-civil', department: 'civil', wrapUpSeconds: 30 },
  { id: 'q-tax', department: 'tax', wrapUpSeconds: 10 },
];

export type LoggedEvent = {
  [K in keyof RoutingEvents]: { name: K; at: number; payload: RoutingEvents[K][0] };
}[keyof RoutingEvents];

export interface Harness {
  engine: RoutingEngine;
  clock: ManualClock;
  store: RoutingStore;
  log: LoggedEvent[];
  /** Events of one kind, in order. */
  events<K extends RoutingEvent>(name: K): RoutingEvents[K][0][];
}

export function attachLog(engine: RoutingEngine, clock: ManualClock): LoggedEvent[] {
  const log: LoggedEvent[] = [];
  for (const name of Object.values(RoutingEvent)) {
    engine.on(name as RoutingEvent.TicketQueued, (payload: unknown) => {
      log.push({ name, at: clock.now(), payload } as LoggedEvent);
    });
  }
  return log;
}

// Shared by every harness so engines over one store never reuse an id.
let idSeq = 0;

export function makeHarness(
  overrides: Partial<RoutingEngineOptions> & { clock?: ManualClock } = {},
): Harness {
  const clock = overrides.clock ?? new ManualClock();
  const store = overrides.store ?? new MemoryRoutingStore();
  const engine = new RoutingEngine({
    queues: QUEUES,
    newId: () => `id-${String(++idSeq).padStart(4, '0')}`,
    ...overrides,
    store,
    clock,
    timers: clock,
  });
  const log = attachLog(engine, clock);
  return {
    engine,
    clock,
    store,
    log,
    events: (name) => log.filter((e) => e.name === name).map((e) => e.payload) as never,
  };
}

let ticketSeq = 0;

/** A help request; each call gets its own kiosk session unless one is given. */
export function request(
  opts: {
    id?: string;
    department?: string;
    region?: string;
    language?: string;
    priority?: PriorityClass;
    terminalId?: string;
    kioskSessionId?: string;
  } = {},
): EnqueueInput {
  ticketSeq++;
  return {
    ...(opts.id ? { id: opts.id } : {}),
    skills: {
      department: opts.department ?? 'civil',
      region: opts.region ?? 'north',
      language: opts.language ?? 'zh-CN',
    },
    priority: opts.priority ?? 'normal',
    context: {
      terminalId: opts.terminalId ?? 'term-1',
      kioskSessionId: opts.kioskSessionId ?? `ks-${ticketSeq}`,
    },
  };
}

export function agent(
  id: string,
  opts: { department?: string; regions?: string[]; languages?: string[]; queues?: string[] } = {},
): AgentProfile {
  return {
    id,
    name: `Agent ${id}`,
    department: opts.department ?? 'civil',
    regions: opts.regions ?? ['north'],
    languages: opts.languages ?? ['zh-CN'],
    ...(opts.queues ? { queues: opts.queues } : {}),
  };
}
