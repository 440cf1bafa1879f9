import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address of the client behind a request — the one function every limit, audit entry and
 * loopback check uses: for REST it runs once per request (`requestIp(req)` reads the answer;
 * Express's own `req.ip` is not used), for socket.io on the handshake request.
 *
 * `X-Forwarded-For` is believed only hop by hop from the right while the hop that added it is a
 * configured trusted proxy (TRUSTED_PROXIES): anyone can send the header, so from any other
 * peer — loopback included — it is ignored.
 */
export class ClientAddress {
  readonly #trusted = new BlockList();
  readonly #any: boolean;

  /** `proxies`: addresses or CIDR ranges, IPv4 or IPv6 (e.g. `10.0.0.0/8`, `::1`). */
  constructor(proxies: readonly string[]) {
    for (const p of proxies) {
      const [addr = '', bits] = p.split('/');
      const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.#trusted.addAddress(addr, type);
      else this.#trusted.addSubnet(addr, Number(bits), type);
    }
    this.#any = proxies.length > 0;
  }

  /** Whether `address` is a trusted proxy. */
  #trusts(address: string): boolean {
    if (!this.#any) return false;
    const a = normalise(address);
    const type = isIP(a);
    if (!type) return false;
    return this.#trusted.check(a, type === 6 ? 'ipv6' : 'ipv4');
  }

  of(req: IncomingMessage): string | null {
    const peer = req.socket.remoteAddress;
    if (!peer) return null;
    let address = normalise(peer);
    if (!this.#trusts(address)) return address;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => normalise(h.trim()))
      .filter((h) => h !== '');
    // Walk from the nearest hop: each trusted proxy vouches for the hop before it.
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] as string;
      if (!isIP(hop)) return address;
      address = hop;
      if (!this.#trusts(hop)) return hop;
    }
    return address;
  }
}

/** `::ffff:127.0.0.1` (IPv4 seen through an IPv6 socket) is 127.0.0.1. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Loopback, as the one address `of` returns. */
export function isLoopback(address: string | null): boolean {
  return address === '::1' || (address?.startsWith('127.') ?? false);
}
