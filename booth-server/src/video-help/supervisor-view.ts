import type { SupervisorSnapshot } from '@onething/contract/sockets/booth';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';

/** What supervisors see of the booth: queues with KPIs, agents by state, calls, ratings. */
export class SupervisorView {
  readonly #engine: RoutingEngine;
  readonly #ratings: RatingService;
  readonly #catalogue: () => Catalogue;

  constructor(deps: { engine: RoutingEngine; ratings: RatingService; catalogue: () => Catalogue }) {
    this.#engine = deps.engine;
    this.#ratings = deps.ratings;
    this.#catalogue = deps.catalogue;
  }

  async snapshot(): Promise<SupervisorSnapshot> {
    const snapshot = await this.#engine.snapshot();
    const now = Date.now();
    const ratings = await this.#ratings.supervisorView({ since: now - 30 * 86_400_000 });
    return {
      queues: await this.queueSummaries(),
      agents: snapshot.agents.map((a) => ({
        id: a.id,
        name: a.name,
        department: a.department,
        state: a.state,
        queues: a.queues,
        regions: a.regions,
        sinceSeconds: Math.round((now - a.lastStateChangeAt) / 1000),
        ticketId: a.ticketId ?? null,
      })),
      calls: snapshot.tickets
        .filter((t) => t.state === 'connected' && t.agentId)
        .map((t) => ({
          ticketId: t.id,
          callId: t.id,
          agentId: t.agentId as string,
          terminalId: t.context.terminalId,
          since: t.connectedAt ?? now,
        })),
      csat: ratings.csat,
      openFollowUps: ratings.followUps.filter((f) => f.status === 'open').length,
    };
  }

  async moveAgent(agentId: string, departments: string[]) {
    const agent = await this.#engine.moveAgent(agentId, departments);
    return {
      id: agent.id,
      name: agent.name,
      department: agent.department,
      state: agent.state,
      queues: agent.queues,
      regions: agent.regions,
      sinceSeconds: Math.round((Date.now() - agent.lastStateChangeAt) / 1000),
      ticketId: agent.ticketId ?? null,
    };
  }

  /** Today's KPIs per queue (China Standard Time day), with the department's name. */
  async queueSummaries() {
    const kpis = await this.#engine.queueKpis({ since: startOfDayCst(Date.now()) });
    const catalogue = this.#catalogue();
    return kpis.map((k) => ({
      queueId: k.queueId,
      department: k.department,
      departmentName: catalogue.department(k.department)?.name ?? {
        zh: k.department,
        en: k.department,
      },
      waiting: k.waiting,
      longestWaitSeconds: k.longestWaitSeconds,
      agentsByState: k.agentsByState,
      serviceLevel: k.serviceLevel.value,
      asaSeconds: k.asaSeconds,
      ahtSeconds: k.ahtSeconds,
      abandonmentRate: k.abandonmentRate,
      occupancy: k.occupancy,
    }));
  }
}

function startOfDayCst(now: number): number {
  const day = 86_400_000;
  const cst = 8 * 3_600_000;
  return Math.floor((now + cst) / day) * day - cst;
}
