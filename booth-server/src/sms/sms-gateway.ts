/**
 * What an SMS provider offers (the 短信 API of an operator or a cloud vendor): send one text to
 * one mobile number, deduplicated by an idempotency key, so a retried message the gateway already
 * took is not sent twice. A deployment implements this over its provider; SimulatedSmsGateway
 * stands in until one is configured (SMS_ADAPTER).
 */
export interface SmsGateway {
  /** Resolves when the gateway took the message; rejects when it could not. */
  send(message: { to: string; text: string }, idempotencyKey: string): Promise<void>;
}
