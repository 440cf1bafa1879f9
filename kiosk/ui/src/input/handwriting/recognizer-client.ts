import type { Candidate, Stroke } from './stroke.ts';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';

export type RecognizerState = 'loading' | 'ready' | 'failed';

/**
 * The pad's handle on the recogniser worker. Only the answer to the latest request is delivered:
 * one written after more strokes were added would show stale candidates.
 */
export class RecognizerClient {
  readonly #worker: Worker;
  #latest = 0;
  #onCandidates: (c: Candidate[]) => void;
  #onState: (s: RecognizerState) => void;

  constructor(
    modelUrl: string,
    handlers: { onCandidates(c: Candidate[]): void; onState(s: RecognizerState): void },
  ) {
    this.#onCandidates = handlers.onCandidates;
    this.#onState = handlers.onState;
    this.#worker = new Worker(new URL('./recognizer.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.#worker.onmessage = (e: MessageEvent<WorkerReply>) => this.#receive(e.data);
    this.#worker.onerror = () => this.#onState('failed');
    this.#post({ type: 'load', url: modelUrl });
  }

  recognize(strokes: Stroke[], limit: number): void {
    this.#latest++;
    this.#post({ type: 'recognize', id: this.#latest, strokes, limit });
  }

  /** Forgets any answer still on its way (the pad was cleared). */
  cancel(): void {
    this.#latest++;
  }

  close(): void {
    this.#worker.terminate();
  }

  #post(msg: WorkerRequest): void {
    this.#worker.postMessage(msg);
  }

  #receive(msg: WorkerReply): void {
    if (msg.type === 'loaded') this.#onState('ready');
    else if (msg.type === 'failed') this.#onState('failed');
    else if (msg.id === this.#latest) this.#onCandidates(msg.candidates);
  }
}
