import { describe, expect, it } from 'vitest';
import { TransportEvent } from './report-transport.ts';
import { createSimulatorLink } from './simulator-transport.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('simulator link', () => {
  it('pads host writes to the report size and delivers device reports to the host', async () => {
    const { host, device } = createSimulatorLink({ reportSize: 8 });
    const writes: Uint8Array[] = [];
    const reads: Uint8Array[] = [];
    device.on('write', (w) => writes.push(w));
    host.on(TransportEvent.Data, (d) => reads.push(d));
    await host.open();
    await host.write(Uint8Array.of(1, 2));
    device.send(Uint8Array.of(9, 9));
    await tick();
    expect(writes).toEqual([Uint8Array.of(1, 2, 0, 0, 0, 0, 0, 0)]);
    expect(reads).toEqual([Uint8Array.of(9, 9)]);
    await expect(host.write(new Uint8Array(9))).rejects.toMatchObject({ code: 'BAD_WRITE' });
  });

  it('passes stream writes through unchanged', async () => {
    const { host, device } = createSimulatorLink({ reportSize: null });
    const writes: Uint8Array[] = [];
    device.on('write', (w) => writes.push(w));
    await host.open();
    await host.write(new Uint8Array(1000).fill(7));
    expect(writes[0]?.length).toBe(1000);
  });

  it('behaves like an unplug: error, close, NOT_FOUND while out, reopen on replug', async () => {
    const { host, device } = createSimulatorLink();
    const events: string[] = [];
    host.on(TransportEvent.Open, () => events.push('open'));
    host.on(TransportEvent.Close, (r) => events.push(`close:${r}`));
    host.on(TransportEvent.Error, (e) => events.push(`error:${e.code}`));
    await host.open();
    device.unplug();
    await tick();
    expect(host.isOpen).toBe(false);
    await expect(host.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'NOT_OPEN' });
    device.send(Uint8Array.of(1));
    device.replug();
    await tick();
    expect(events).toEqual(['open', 'error:IO', 'close:error', 'open']);
    await host.close();
    device.unplug();
    await expect(host.open()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await host.close();
    device.replug();
    await tick();
    expect(host.isOpen).toBe(false);
  });
});
