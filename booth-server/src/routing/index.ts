export {
  type AgentSelectionStrategy,
  FewestCallsStrategy,
  LongestIdleStrategy,
  RoundRobinStrategy,
} from './agent-selection.ts';
export {
  type Clock,
  type DeadlineScheduler,
  type Deadlines,
  systemClock,
  systemTimers,
  type TimerScheduler,
  timerDeadlines,
} from './clock.ts';
export {
  DEFAULT_INITIAL_AHT_SECONDS,
  ESTIMATED_WAIT_DOCS,
  estimatedWaitSeconds,
  smoothAht,
} from './estimate.ts';
export { computeQueueKpis, type KpiInput, type QueueKpis } from './kpis.ts';
export { ManualClock } from './manual-clock.ts';
export { MemoryRoutingStore } from './memory-store.ts';
export {
  type EscalationStep,
  type QueueConfig,
  type QueueConfigInput,
  QueueConfigSchema,
} from './queue-config.ts';
export {
  type AgentChangeReason,
  type AgentStateChangedEvent,
  type OfferEvent,
  type OfferWithdrawnEvent,
  type PositionChangedEvent,
  type QueueReason,
  RoutingEngine,
  type RoutingEngineOptions,
  RoutingEvent,
  type RoutingEvents,
  type RoutingSnapshot,
  type RoutingTuning,
  type TicketAbandonedEvent,
  type TicketCompletedEvent,
  type TicketEscalatedEvent,
  type TicketPosition,
  type TicketQueuedEvent,
} from './routing-engine.ts';
export { RoutingError, RoutingErrorCode } from './routing-error.ts';
export { compareTickets } from './routing-state.ts';
export type { RoutingStore, RoutingTx } from './store.ts';
export * from './types.ts';
