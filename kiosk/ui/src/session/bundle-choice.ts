import type { ServerApi } from '../api/server-api.ts';
import type { FlowState } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import type { Materials } from './materials.ts';
import type { SessionCalls } from './session-calls.ts';

export interface BundleChoiceDeps {
  store: FlowStore;
  calls: SessionCalls;
  api: ServerApi;
  /** The materials photographed for another bundle are dropped when the bundle changes. */
  materials: Materials;
}

/**
 * Choosing the 一件事 bundle: the catalogue (searched or by life event), the bundle's notice,
 * and the items of it the citizen applies for.
 */
export class BundleChoice {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #api: ServerApi;
  readonly #materials: Materials;

  constructor(deps: BundleChoiceDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#api = deps.api;
    this.#materials = deps.materials;
  }

  /** Loads what a screen just entered shows. */
  entered(s: FlowState): void {
    switch (s.screen) {
      // the catalogue lists the instant certificates too
      case 'chooseBundle':
      case 'instantChoose':
        void this.#loadCatalogue();
        break;
      case 'notice':
        if (!s.notice) void this.#loadNotice();
        break;
    }
  }

  search(text: string): void {
    this.#store.dispatch({ type: 'search', text });
  }
  lifeEvent(lifeEvent: string | null): void {
    this.#store.dispatch({ type: 'lifeEvent', lifeEvent });
  }
  chooseBundle(code: string): void {
    if (code !== this.#store.state.bundleCode) this.#materials.forgetPreviews();
    this.#store.dispatch({ type: 'bundleChosen', code });
  }
  noticeRead(): void {
    this.#store.dispatch({ type: 'noticeRead' });
  }
  toggleItem(code: string): void {
    this.#store.dispatch({ type: 'toggleItem', code });
  }
  selectAllItems(): void {
    this.#store.dispatch({ type: 'selectAllItems' });
  }
  confirmItems(): void {
    this.#store.dispatch({ type: 'itemsConfirmed' });
  }

  async #loadCatalogue(): Promise<void> {
    await this.#calls.run(
      'catalogue',
      'server',
      () => this.#loadCatalogue(),
      async () => {
        const catalogue = await this.#api.catalogue();
        return () => this.#store.dispatch({ type: 'catalogueLoaded', catalogue });
      },
    );
  }

  async #loadNotice(): Promise<void> {
    const code = this.#store.state.bundleCode;
    if (!code) return;
    await this.#calls.run(
      'notice',
      'server',
      () => this.#loadNotice(),
      async () => {
        const notice = await this.#api.bundle(code);
        return () => this.#store.dispatch({ type: 'noticeLoaded', notice });
      },
    );
  }
}
