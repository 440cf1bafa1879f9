import { z } from 'zod';
import { MATCH_SCOPES, type MatchScope } from './types.ts';

export const EscalationStepSchema = z.strictObject({
  /** Seconds after the ticket entered the queue at which this step applies. */
  afterSeconds: z.number().positive().max(86_400),
  scope: z.enum(['anyRegion', 'anyLanguage']),
});
export type EscalationStep = z.infer<typeof EscalationStepSchema>;

export const QueueConfigSchema = z
  .strictObject({
    id: z.string().min(1).max(128),
    /** The department whose tickets this queue takes (one queue per department). */
    department: z.string().min(1).max(64),
    /** After-call work time before the agent is offered the next ticket. */
    wrapUpSeconds: z.number().min(0).max(3600).default(30),
    /**
     * Routing steps a waiting ticket goes through: level 0 is the booth's own region; each step
     * widens the target. The default sends a ticket to any region serving the department after
     * a minute, which is how a booth in a quiet county reaches a busy city's agents.
     */
    escalation: z
      .array(EscalationStepSchema)
      .max(MATCH_SCOPES.length - 1)
      .default([{ afterSeconds: 60, scope: 'anyRegion' }]),
  })
  .superRefine((queue, ctx) => {
    queue.escalation.forEach((step, i) => {
      const previous = queue.escalation[i - 1];
      if (!previous) return;
      if (step.afterSeconds <= previous.afterSeconds) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'afterSeconds'],
          message: 'escalation steps must come later one after another',
        });
      }
      if (MATCH_SCOPES.indexOf(step.scope) <= MATCH_SCOPES.indexOf(previous.scope)) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'scope'],
          message: 'each escalation step must widen the target',
        });
      }
    });
  });
export type QueueConfigInput = z.input<typeof QueueConfigSchema>;
export type QueueConfig = z.output<typeof QueueConfigSchema>;

/** The routing target of a ticket at `level` in `queue`. */
export function scopeAt(queue: QueueConfig, level: number): MatchScope {
  if (level <= 0) return 'region';
  const step = queue.escalation[Math.min(level, queue.escalation.length) - 1];
  return step ? step.scope : 'region';
}

/** When a ticket queued at `queuedAt` reaches the level after `level`, if there is one. */
export function nextEscalationAt(
  queue: QueueConfig,
  level: number,
  queuedAt: number,
): number | undefined {
  const step = queue.escalation[level];
  return step ? queuedAt + step.afterSeconds * 1000 : undefined;
}
