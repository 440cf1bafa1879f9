import type { ErrorCode } from '@onething/contract/errors';
import { OpenCaseRefusal } from '@onething/contract/rest/open-case';
import { KioskApiError } from '../api/api-error.ts';
import type { FlowState, Problem } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';

/**
 * The calls of the citizen now at the terminal, shared by the session's parts: the busy marker,
 * what "try again" repeats, and the generation that drops a late answer: once the session has
 * been wiped, a slow answer can never bring one citizen's data into the next citizen's session.
 */
export class SessionCalls {
  readonly #store: FlowStore;
  #generation = 0;
  /** What "try again" repeats after a failed call. */
  #retry: (() => Promise<void>) | null = null;

  constructor(store: FlowStore) {
    this.#store = store;
  }

  /** Taken before a call; says afterwards whether its answer still belongs to this citizen. */
  watch(): () => boolean {
    const generation = this.#generation;
    return () => generation === this.#generation;
  }

  /** The citizen is gone: every answer still on its way is dropped, "try again" forgotten. */
  forget(): void {
    this.#generation += 1;
    this.#retry = null;
  }

  /** Repeats the call that failed last, if any. */
  async retry(): Promise<void> {
    const again = this.#retry;
    if (!again || this.#store.state.busy) return;
    this.#retry = null;
    await again();
  }

  /** Tells the citizen a call failed; `retry` is what "try again" repeats (null: nothing). */
  fail(problem: Problem, retry: (() => Promise<void>) | null): void {
    this.#retry = retry;
    this.#store.dispatch({
      type: 'callFailed',
      problem: { ...problem, retryable: retry !== null },
    });
  }

  /**
   * Runs one call with the busy marker set; on success applies the result (unless the session
   * was wiped meanwhile), on failure records the problem and what "try again" should repeat.
   */
  async run(
    busy: NonNullable<FlowState['busy']>,
    source: Problem['source'],
    retry: () => Promise<void>,
    call: () => Promise<() => void>,
  ): Promise<void> {
    const current = this.watch();
    this.#store.dispatch({ type: 'busy', busy });
    try {
      const apply = await call();
      if (!current()) return;
      this.#store.dispatch({ type: 'busy', busy: null });
      if (source === 'server') this.#store.dispatch({ type: 'callSucceeded' });
      apply();
    } catch (e) {
      if (!current()) return;
      this.fail(problemOf(e, source), retry);
    }
  }
}

/** Turns any failure into what the citizen is told about it. */
export function problemOf(e: unknown, source: Problem['source']): Problem {
  if (e instanceof KioskApiError) {
    const open = e.code === 'CASE_ALREADY_OPEN' ? OpenCaseRefusal.safeParse(e.details) : null;
    return { source, kind: e.kind, code: e.code, ...(open?.success && { openCase: open.data }) };
  }
  return { source, kind: 'badResponse', code: 'INTERNAL' satisfies ErrorCode };
}
