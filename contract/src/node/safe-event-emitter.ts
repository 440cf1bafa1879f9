import { EventEmitter } from 'node:events';

/** Where a throwing listener is reported; a pino Logger fits. */
export interface ListenerErrorLog {
  error(details: { event: string; err: unknown }, message: string): void;
}

/** Event name → listener arguments, as Node's own `EventEmitter<T>` takes it. */
export type EventMap<T> = Record<keyof T, unknown[]>;

/**
 * Node's typed EventEmitter whose `safeEmit` a listener cannot break (mediasoup's
 * EnhancedEventEmitter.safeEmit): a listener that throws is reported and the remaining
 * listeners still run, and the code that emitted goes on. Node only — browsers never import
 * this folder.
 */
export class SafeEventEmitter<T extends EventMap<T>> extends EventEmitter<T> {
  readonly #log: ListenerErrorLog;

  constructor(log: ListenerErrorLog) {
    super();
    this.#log = log;
  }

  /**
   * Calls every listener of `event` in order, as emit() does, but never throws: not for a
   * throwing listener, and not for an `error` event no one listens to. True if anyone listened.
   */
  safeEmit<K extends keyof T & string>(event: K, ...args: T[K]): boolean {
    // rawListeners, not listeners: a once() wrapper removes itself when called, as in emit().
    const listeners = this.rawListeners(event);
    for (const listener of listeners) {
      try {
        Reflect.apply(listener, this, args);
      } catch (error) {
        this.listenerFailed(event, error);
      }
    }
    return listeners.length > 0;
  }

  /** A listener of `event` threw; subclasses with their own error channel report it there. */
  protected listenerFailed(event: keyof T & string, error: unknown): void {
    this.#log.error({ event, err: error }, 'event listener threw; the emitter goes on');
  }
}
