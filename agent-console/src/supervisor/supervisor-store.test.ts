import type { AgentRow, QueueSummary, SupervisorSnapshot } from '@onething/contract/sockets/booth';
import { describe, expect, it } from 'vitest';
import {
  countByState,
  departmentName,
  isActiveQueue,
  replaceAgent,
  sortAgents,
  toggle,
  totals,
} from './supervisor-store.ts';

const agent = (id: string, name: string, state: AgentRow['state']): AgentRow => ({
  id,
  name,
  department: 'PSB',
  state,
  queues: ['PSB'],
  regions: ['440113'],
  sinceSeconds: 10,
  ticketId: null,
});

const queue = (department: string, extra: Partial<QueueSummary> = {}): QueueSummary => ({
  queueId: department,
  department,
  departmentName: { zh: `${department} 局`, en: `${department} bureau` },
  waiting: 0,
  longestWaitSeconds: 0,
  agentsByState: { offline: 0, available: 0, on_call: 0 },
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
  abandonmentRate: null,
  occupancy: null,
  ...extra,
});

describe('agents', () => {
  it('sorts by state (available first, offline last), then by name', () => {
    const sorted = sortAgents([
      agent('1', '赵', 'offline'),
      agent('2', '王', 'on_call'),
      agent('3', '李', 'available'),
      agent('4', '陈', 'available'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['4', '3', '2', '1']);
  });

  it('counts every state, zero included', () => {
    const counts = countByState([agent('1', 'a', 'available'), agent('2', 'b', 'available')]);
    expect(counts).toEqual({
      available: 2,
      offered: 0,
      on_call: 0,
      wrap_up: 0,
      break: 0,
      offline: 0,
    });
  });

  it('replaces a moved agent’s row and leaves the others', () => {
    const snap: SupervisorSnapshot = {
      queues: [],
      agents: [agent('1', 'a', 'available'), agent('2', 'b', 'break')],
      calls: [],
      csat: null,
      openFollowUps: 0,
    };
    const moved = { ...agent('2', 'b', 'break'), queues: ['PSB', 'CIVIL'] };
    const next = replaceAgent(snap, moved);
    expect(next.agents[1]?.queues).toEqual(['PSB', 'CIVIL']);
    expect(next.agents[0]).toBe(snap.agents[0]);
    expect(snap.agents[1]?.queues).toEqual(['PSB']);
  });
});

describe('queues', () => {
  it('names a department from the queues, falling back to its code', () => {
    expect(departmentName('PSB', [queue('PSB')], 'zh-CN')).toBe('PSB 局');
    expect(departmentName('PSB', [queue('PSB')], 'en')).toBe('PSB bureau');
    expect(departmentName('XYZ', [queue('PSB')], 'zh-CN')).toBe('XYZ');
  });

  it('treats a queue as active when someone waits or an agent is signed in to it', () => {
    expect(isActiveQueue(queue('A'))).toBe(false);
    expect(isActiveQueue(queue('A', { agentsByState: { offline: 3 } }))).toBe(false);
    expect(isActiveQueue(queue('A', { waiting: 1 }))).toBe(true);
    expect(isActiveQueue(queue('A', { agentsByState: { break: 1 } }))).toBe(true);
  });

  it('totals waiting citizens, the longest wait, signed-in agents and calls', () => {
    const snap: SupervisorSnapshot = {
      queues: [
        queue('A', { waiting: 2, longestWaitSeconds: 40 }),
        queue('B', { waiting: 1, longestWaitSeconds: 95 }),
      ],
      agents: [agent('1', 'a', 'on_call'), agent('2', 'b', 'offline')],
      calls: [{ ticketId: 'T', callId: 'T', agentId: '1', terminalId: 'B-1', since: 0 }],
      csat: 0.9,
      openFollowUps: 1,
    };
    expect(totals(snap)).toEqual({ waiting: 3, longestWaitSeconds: 95, signedIn: 1, onCall: 1 });
    expect(totals({ ...snap, queues: [] }).longestWaitSeconds).toBe(0);
  });

  it('toggles a department in a selection, keeping the queues’ order', () => {
    const order = ['PSB', 'CIVIL', 'HRSS'];
    expect(toggle(['HRSS'], 'PSB', order)).toEqual(['PSB', 'HRSS']);
    expect(toggle(['PSB', 'HRSS'], 'PSB', order)).toEqual(['HRSS']);
    // A queue the agent serves that is not listed any more is kept, at the end.
    expect(toggle(['OLD'], 'CIVIL', order)).toEqual(['CIVIL', 'OLD']);
  });
});
