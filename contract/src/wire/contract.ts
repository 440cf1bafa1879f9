import type { z } from 'zod';
import type { AckResult } from '../errors.ts';

/**
 * An event contract names each socket.io event once with its schemas; both sides derive their
 * socket.io generics from it, and the server validates every payload against it.
 *
 * Client→server events are requests: one payload, one acknowledgement carrying AckResult.
 * Server→client events are notifications: one payload, no acknowledgement.
 */
export interface RequestSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

export type RequestContract = Record<string, RequestSpec>;
export type NotificationContract = Record<string, z.ZodType>;

export function defineRequests<C extends RequestContract>(c: C): C {
  return c;
}
export function defineNotifications<C extends NotificationContract>(c: C): C {
  return c;
}

/** socket.io ClientToServerEvents derived from a request contract. */
export type ClientEvents<C extends RequestContract> = {
  [K in keyof C]: (
    payload: z.input<C[K]['request']>,
    ack: (result: AckResult<z.output<C[K]['response']>>) => void,
  ) => void;
};

/** socket.io ServerToClientEvents derived from a notification contract. */
export type ServerEvents<C extends NotificationContract> = {
  [K in keyof C]: (payload: z.output<C[K]>) => void;
};

export type RequestOf<C extends RequestContract, K extends keyof C> = z.output<C[K]['request']>;
export type ResponseOf<C extends RequestContract, K extends keyof C> = z.output<C[K]['response']>;
export type NotificationOf<C extends NotificationContract, K extends keyof C> = z.output<C[K]>;

/** Largest accepted socket.io message, bytes; larger ones are refused by the transport. */
export const MAX_SOCKET_PAYLOAD = 256 * 1024;
