import { RestClient } from '@onething/contract/wire/rest-client';
import { ConsoleError } from './errors.ts';

/**
 * The booth server's REST API, same origin (the session cookie travels by itself); call it
 * with a route from the contract, e.g. `rest.call(AuthRoutes.me, {})`.
 */
export const rest = new RestClient({ credentials: 'same-origin', errors: ConsoleError });
