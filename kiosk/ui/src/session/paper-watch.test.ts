import type { DeviceStates, PaperState } from '@onething/contract/sockets/bridge-local';
import { describe, expect, it } from 'vitest';
import { initialState } from '../flow/flow-state.ts';
import { FlowStore } from '../flow/store.ts';
import { PaperWatch } from './paper-watch.ts';

function devices(paper: PaperState): DeviceStates {
  return {
    idCardReader: { status: 'ok', detail: null, cardPresent: false },
    receiptPrinter: {
      status: paper === 'ok' ? 'ok' : 'warning',
      detail: null,
      paper,
      coverOpen: false,
    },
    a4Printer: { status: 'ok', detail: null, queue: null },
    scanner: { status: 'ok', detail: null },
  };
}

describe('PaperWatch', () => {
  it('knows the paper before a flow prints, names the nearest terminal, and survives a wipe', async () => {
    const store = new FlowStore(initialState({ demo: false, bridgeConnected: true }));
    let asked = 0;
    const watch = new PaperWatch({
      store,
      api: {
        alternativeTerminal: async () => {
          asked++;
          return { alternative: { name: '政务晓屋 2 号机', site: '番禺区政务服务中心' } };
        },
      },
    });
    await watch.update(devices('out'));
    expect(store.state.paper).toEqual({
      paper: 'out',
      alternative: { name: '政务晓屋 2 号机', site: '番禺区政务服务中心' },
    });
    // the same state again asks the server nothing
    await watch.update(devices('out'));
    expect(asked).toBe(1);
    store.dispatch({ type: 'wipe' });
    expect(store.state.paper.paper).toBe('out');
    await watch.update(devices('ok'));
    expect(store.state.paper).toEqual({ paper: 'ok', alternative: null });
  });

  it('still says the paper is out when the server cannot name an alternative', async () => {
    const store = new FlowStore(initialState({ demo: false, bridgeConnected: true }));
    const watch = new PaperWatch({
      store,
      api: { alternativeTerminal: () => Promise.reject(new Error('offline')) },
    });
    await watch.update(devices('near_end'));
    expect(store.state.paper).toEqual({ paper: 'near_end', alternative: null });
  });
});
