import type { FieldError } from '@onething/contract/rest/kiosk';
import type { ServerApi } from '../api/server-api.ts';
import { answersForRequest } from '../flow/answers.ts';
import type { FlowState } from '../flow/flow-state.ts';
import type { FlowStore } from '../flow/store.ts';
import type { SessionCalls } from './session-calls.ts';

export interface ApplicationFormDeps {
  store: FlowStore;
  calls: SessionCalls;
  api: ServerApi;
}

/**
 * The one merged form of the chosen items, prefilled by the server from the attested identity;
 * the page sends answers only, never whom they are about.
 */
export class ApplicationForm {
  readonly #store: FlowStore;
  readonly #calls: SessionCalls;
  readonly #api: ServerApi;

  constructor(deps: ApplicationFormDeps) {
    this.#store = deps.store;
    this.#calls = deps.calls;
    this.#api = deps.api;
  }

  /** Loads the merged form when its screen is entered without one. */
  entered(s: FlowState): void {
    if (s.screen === 'form' && !s.form) void this.#loadForm();
  }

  answer(key: string, value: string | boolean): void {
    this.#store.dispatch({ type: 'answer', key, value });
  }

  /**
   * Shows the problems a part of the form has (elder mode checks each part before the next);
   * false when there are some and the part must be fixed first.
   */
  partChecked(errors: FieldError[]): boolean {
    if (errors.length === 0) return true;
    this.#store.dispatch({ type: 'validated', errors });
    return false;
  }

  async checkForm(): Promise<void> {
    const s = this.#store.state;
    if (!s.form || !s.bundleCode || s.busy) return;
    const req = {
      bundleCode: s.bundleCode,
      itemCodes: s.form.itemCodes,
      answers: answersForRequest(s.form, s.answers),
    };
    await this.#calls.run(
      'validate',
      'server',
      () => this.checkForm(),
      async () => {
        const errors = await this.#api.validateForm(req);
        // Complete: merged again with the answers, so materials and items follow them (no
        // 公司章程 for a 个体工商户, 消防 only for large premises) before the citizen goes on.
        const form = errors.length === 0 ? await this.#api.mergeForm(req) : null;
        return () => {
          if (form) this.#store.dispatch({ type: 'formLoaded', form });
          this.#store.dispatch({ type: 'validated', errors });
        };
      },
    );
  }

  async #loadForm(): Promise<void> {
    const s = this.#store.state;
    if (!s.bundleCode) return;
    const req = {
      bundleCode: s.bundleCode,
      itemCodes: s.selectedItems,
      answers: s.answers,
    };
    await this.#calls.run(
      'form',
      'server',
      () => this.#loadForm(),
      async () => {
        const form = await this.#api.mergeForm(req);
        return () => this.#store.dispatch({ type: 'formLoaded', form });
      },
    );
  }
}
