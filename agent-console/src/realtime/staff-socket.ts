import { Namespace } from '@onething/contract/sockets/namespaces';
import { StaffContract } from '@onething/contract/sockets/sockets';
import {
  ContractClient,
  type NotificationPayload,
  type RequestInput,
  type ResponseOutput,
} from '@onething/contract/wire/contract-client';
import { exponentialBackoff, type RetryPolicy } from '@onething/contract/wire/retry';
import { io, type Socket } from 'socket.io-client';
import { ConsoleError } from '../errors.ts';

type Requests = typeof StaffContract.requests;
type Notifications = typeof StaffContract.notifications;
export type StaffRequestName = keyof Requests & string;
export type StaffNotificationName = keyof Notifications & string;
export type StaffRequestPayload<K extends StaffRequestName> = RequestInput<Requests, K>;
export type StaffResponse<K extends StaffRequestName> = ResponseOutput<Requests, K>;
export type StaffNotification<K extends StaffNotificationName> = NotificationPayload<
  Notifications,
  K
>;

/**
 * One socket.io connection to the staff namespace per signed-in console. The session cookie
 * authenticates the handshake (same origin), so nothing secret lives in script.
 */
let socket: Socket | null = null;
let client: ContractClient<Requests, Notifications, ConsoleError> | null = null;

/** The raw socket, for its life cycle (session end, reconnection) and the call's media. */
export function staffSocket(): Socket {
  socket ??= openStaffSocket();
  return socket;
}

/** How long to wait before asking again while the server cannot read sessions. */
const DATABASE_RETRY: RetryPolicy = exponentialBackoff({ initialMs: 1000, maxMs: 15_000 });

function openStaffSocket(): Socket {
  const s = io(Namespace.Staff, { transports: ['websocket'], withCredentials: true });
  let attempt = 0;
  let since = 0;
  s.on('connect', () => {
    attempt = 0;
  });
  // The server's database is away, so it could not read the session: not a sign-in problem.
  // socket.io does not retry a handshake the server refused, so the console does, backing off.
  s.on('connect_error', (e: Error) => {
    if (e.message !== 'DATABASE_UNAVAILABLE') return;
    if (attempt === 0) since = Date.now();
    const delay = DATABASE_RETRY({ attempt: ++attempt, elapsedMs: Date.now() - since, error: e });
    if (delay === null) return;
    setTimeout(() => {
      if (socket === s && !s.connected) s.connect();
    }, delay);
  });
  return s;
}

/** How long a request waits for the connection, and then for its answer, ms. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The staff contract over that socket: requests and notifications checked both ways. */
function staffClient(): ContractClient<Requests, Notifications, ConsoleError> {
  client ??= new ContractClient(staffSocket(), StaffContract, {
    peer: 'server',
    timeoutMs: REQUEST_TIMEOUT_MS,
    errors: ConsoleError,
  });
  return client;
}

/** Resolves once `s` is connected, or after `ms` without a connection. */
function whenConnected(s: Socket, ms: number): Promise<void> {
  if (s.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.off('connect', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    s.on('connect', done);
  });
}

export function closeStaffSocket(): void {
  socket?.close();
  socket = null;
  client = null;
}

/**
 * A request resolving with its checked answer, or rejecting with a ConsoleError. A page asks
 * as soon as it opens, often before the socket is up: the request waits a short while for the
 * connection (never longer than for an answer) and fails as unreachable without one.
 */
export async function staffRequest<K extends StaffRequestName>(
  name: K,
  payload: StaffRequestPayload<K>,
): Promise<StaffResponse<K>> {
  const requests = staffClient();
  await whenConnected(staffSocket(), REQUEST_TIMEOUT_MS);
  return requests.request(name, payload);
}

/** Subscribes to a server notification (malformed ones are dropped); returns the unsubscribe. */
export function onStaff<K extends StaffNotificationName>(
  name: K,
  listener: (payload: StaffNotification<K>) => void,
): () => void {
  return staffClient().on(name, listener);
}

/** Runs `fn` each time the staff socket reconnects (pushes were missed meanwhile). */
export function onReconnect(fn: () => void): () => void {
  const manager = staffSocket().io;
  manager.on('reconnect', fn);
  return () => manager.off('reconnect', fn);
}
