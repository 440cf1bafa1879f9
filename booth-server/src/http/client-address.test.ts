import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientAddress, isLoopback } from './client-address.ts';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('ClientAddress', () => {
  const behindProxies = new ClientAddress(['10.0.0.0/8', '::1']);

  it('ignores X-Forwarded-For from a peer that is no trusted proxy, loopback included', () => {
    expect(new ClientAddress([]).of(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(behindProxies.of(request('192.0.2.1', '203.0.113.9'))).toBe('192.0.2.1');
  });

  it('takes the nearest hop no trusted proxy vouches for, not a value the client wrote', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(behindProxies.of(request('10.1.2.3', '1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    // Two trusted proxies in a row.
    expect(behindProxies.of(request('10.1.2.3', '203.0.113.9, 10.9.9.9'))).toBe('203.0.113.9');
  });

  it('stops at a hop that is not an address', () => {
    expect(behindProxies.of(request('10.1.2.3', 'unknown'))).toBe('10.1.2.3');
  });

  it('reads IPv4 seen through an IPv6 socket as IPv4', () => {
    expect(new ClientAddress(['127.0.0.1']).of(request('::ffff:127.0.0.1', '198.51.100.7'))).toBe(
      '198.51.100.7',
    );
    expect(isLoopback(new ClientAddress([]).of(request('::ffff:127.0.0.1')))).toBe(true);
  });
});
