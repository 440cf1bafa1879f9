import type { DeviceStates, PaperState } from '@onething/contract/sockets/bridge-local';
import type { BridgeClient } from '../api/bridge-client.ts';
import type { ServerApi } from '../api/server-api.ts';
import type { FlowStore } from '../flow/store.ts';

/**
 * Keeps the terminal's receipt paper known before anyone starts a flow that prints: the bridge's
 * device states at connection and on every change. When paper runs low or out it asks the server
 * for the nearest terminal in service, so the kiosk can name it next to the other alternatives.
 */
export class PaperWatch {
  readonly #store: FlowStore;
  readonly #api: Pick<ServerApi, 'alternativeTerminal'>;
  #asked: PaperState | null = null;

  constructor(deps: { store: FlowStore; api: Pick<ServerApi, 'alternativeTerminal'> }) {
    this.#store = deps.store;
    this.#api = deps.api;
  }

  listen(bridge: BridgeClient): (() => void)[] {
    const ask = () =>
      bridge.request('devices:get', {}).then(
        (d) => this.update(d),
        () => undefined,
      );
    if (bridge.connected) void ask();
    return [
      bridge.on('devices:state', (d) => void this.update(d)),
      bridge.onConnection((up) => {
        if (up) void ask();
      }),
    ];
  }

  async update(devices: DeviceStates): Promise<void> {
    const paper = devices.receiptPrinter.paper;
    const current = this.#store.state.paper;
    if (paper === 'ok' || paper === 'unknown') {
      this.#asked = null;
      if (current.paper !== paper)
        this.#store.dispatch({ type: 'paper', notice: { paper, alternative: null } });
      return;
    }
    if (this.#asked === paper && current.paper === paper) return;
    this.#asked = paper;
    // said at once; the alternative follows when the server answers
    this.#store.dispatch({ type: 'paper', notice: { paper, alternative: current.alternative } });
    const alternative = await this.#api
      .alternativeTerminal()
      .then((r) => r.alternative)
      .catch(() => null);
    if (this.#store.state.paper.paper === paper)
      this.#store.dispatch({ type: 'paper', notice: { paper, alternative } });
  }
}
