/**
 * Hands a notification to one kiosk (by terminal id) or one staff member (by id). The booth's
 * parts know nothing of sockets: the realtime layer delivers what they hand it.
 */
export type Deliver = (target: string, event: string, payload: unknown) => void;
