/// <reference lib="webworker" />
import { fetchRecognizer, recognize } from './recognizer.ts';
import type { WorkerReply, WorkerRequest } from './worker-messages.ts';

/** Recognition off the main thread: the pad keeps drawing smoothly while the matcher works. */
declare const self: DedicatedWorkerGlobalScope;

let ready: Promise<void> | null = null;

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data;
  if (msg.type === 'load') {
    ready = fetchRecognizer(msg.url);
    ready.then(
      () => reply({ type: 'loaded' }),
      (e: unknown) => reply({ type: 'failed', message: String(e) }),
    );
    return;
  }
  // requests that arrive while the model loads wait for it; a failed load was already reported
  void ready
    ?.then(() =>
      reply({ type: 'candidates', id: msg.id, candidates: recognize(msg.strokes, msg.limit) }),
    )
    .catch(() => {});
};

function reply(msg: WorkerReply): void {
  self.postMessage(msg);
}
