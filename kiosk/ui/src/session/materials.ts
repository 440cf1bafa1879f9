import type { ServerApi, UploadMediaType } from '../api/server-api.ts';
import type { FlowStore } from '../flow/store.ts';
import type { SessionCalls } from './session-calls.ts';

/** Object URLs of the photo previews (injectable for tests). */
export interface ObjectUrls {
  create(blob: Blob): string;
  revoke(url: string): void;
}

const browserUrls: ObjectUrls = {
  create: (b) => URL.createObjectURL(b),
  revoke: (u) => URL.revokeObjectURL(u),
};

export interface MaterialsDeps {
  store: FlowStore;
  calls: SessionCalls;
  api: ServerApi;
  /** Stops the document camera; the camera itself belongs to the materials screen. */
  stopCamera: () => void;
  /** The idempotency key the application will be submitted with. */
  newKey: () => string;
  objectUrls?: ObjectUrls;
}

/**
 * The materials of the application: each photographed document is uploaded and previewed, or
 * skipped. The previews are object URLs of the citizen's documents: revoked as soon as they are
 * replaced, and all of them when the bundle changes or the session ends.
 */
export class Materials {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #api: ServerApi;
  readonly #stopCamera: () => void;
  readonly #newKey: () => string;
  readonly #urls: ObjectUrls;
  readonly #previews = new Set<string>();

  constructor(deps: MaterialsDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#api = deps.api;
    this.#stopCamera = deps.stopCamera;
    this.#newKey = deps.newKey;
    this.#urls = deps.objectUrls ?? browserUrls;
  }

  async uploadMaterial(id: string, data: Blob, mediaType: UploadMediaType): Promise<void> {
    if (this.#store.state.busy) return;
    await this.#calls.run(
      'upload',
      'server',
      () => this.uploadMaterial(id, data, mediaType),
      async () => {
        const res = await this.#api.upload(data, mediaType);
        return () => {
          this.#revokeFor(id);
          const url = this.#createPreview(data);
          this.#store.dispatch({
            type: 'materialCaptured',
            id,
            uploadId: res.uploadId,
            previewUrl: url,
          });
        };
      },
    );
  }
  skipMaterial(id: string): void {
    this.#revokeFor(id);
    this.#store.dispatch({ type: 'materialSkipped', id });
  }
  clearMaterial(id: string): void {
    this.#revokeFor(id);
    this.#store.dispatch({ type: 'materialCleared', id });
  }
  materialsDone(): void {
    this.#stopCamera();
    this.#store.dispatch({ type: 'materialsDone', candidateKey: this.#newKey() });
  }

  /** Revokes every preview (another bundle was chosen, or the session ends). */
  forgetPreviews(): void {
    for (const url of [...this.#previews]) this.#revoke(url);
  }

  #createPreview(blob: Blob): string | null {
    try {
      const url = this.#urls.create(blob);
      this.#previews.add(url);
      return url;
    } catch {
      // no preview is shown; the upload itself succeeded
      return null;
    }
  }

  #revoke(url: string): void {
    this.#urls.revoke(url);
    this.#previews.delete(url);
  }

  #revokeFor(id: string): void {
    const m = this.#store.state.materials[id];
    if (m?.state === 'captured' && m.previewUrl) this.#revoke(m.previewUrl);
  }
}
