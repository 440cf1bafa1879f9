import os from 'node:os';
import type { Heartbeat } from '@onething/contract/sockets/fleet';
import type { RegisterTerminalRequest } from '@onething/contract/rest/terminals';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';

/**
 * A demo fleet beside the local terminal: terminals across Guangzhou and one remote province,
 * simulated in-process so the dashboard has something to show. Each has a scripted character
 * (one runs low on paper, one has a faulty reader, one has gone offline).
 */
const FLEET: (RegisterTerminalRequest & {
  script: 'healthy' | 'paperLow' | 'readerFault' | 'silent' | 'diskLow';
})[] = [
  {
    id: 'PY-BOOTH-002',
    name: '番禺区政务服务中心 政务晓屋 2号',
    site: '番禺区政务服务中心',
    region: '440113',
    kind: 'booth',
    script: 'healthy',
  },
  {
    id: 'PY-SQ-001',
    name: '市桥街道便民服务中心 自助终端',
    site: '市桥街道便民服务中心',
    region: '440113',
    kind: 'terminal',
    script: 'paperLow',
  },
  {
    id: 'PY-SQ-002',
    name: '市桥街道 24小时自助区 2号',
    site: '市桥街道便民服务中心',
    region: '440113',
    kind: 'terminal',
    script: 'healthy',
  },
  {
    id: 'PY-DS-001',
    name: '大石街道 24小时自助终端',
    site: '大石街道便民服务中心',
    region: '440113',
    kind: 'terminal',
    script: 'readerFault',
  },
  {
    id: 'PY-NC-001',
    name: '南村镇 政务晓屋',
    site: '南村镇便民服务中心',
    region: '440113',
    kind: 'booth',
    script: 'healthy',
  },
  {
    id: 'TH-ZX-001',
    name: '天河区政务服务中心 自助终端',
    site: '天河区政务服务中心',
    region: '440106',
    kind: 'terminal',
    script: 'healthy',
  },
  {
    id: 'TH-ZX-002',
    name: '天河区政务服务中心 政务晓屋',
    site: '天河区政务服务中心',
    region: '440106',
    kind: 'booth',
    script: 'diskLow',
  },
  {
    id: 'TH-LD-001',
    name: '林和街道 24小时自助终端',
    site: '林和街道便民服务中心',
    region: '440106',
    kind: 'terminal',
    script: 'silent',
  },
  {
    id: 'CD-JJ-001',
    name: '成都市锦江区 跨省通办 政务晓屋',
    site: '锦江区政务服务中心',
    region: '510104',
    kind: 'booth',
    script: 'healthy',
  },
];

function heartbeatFor(script: (typeof FLEET)[number]['script'], startedAt: number): Heartbeat {
  const now = Date.now();
  return {
    sentAt: now,
    uptimeSeconds: Math.round((now - startedAt) / 1000) + 86_400,
    versions: {
      bridge: '0.1.0',
      ui: '0.1.0',
      node: process.version,
      os: `${os.type()} (simulated)`,
    },
    devices: {
      idCardReader:
        script === 'readerFault'
          ? { status: 'fault', detail: 'SAM_SELF_TEST_FAILED', cardPresent: false }
          : { status: 'ok', detail: null, cardPresent: false },
      receiptPrinter: {
        status: 'ok',
        detail: null,
        paper: script === 'paperLow' ? 'near_end' : 'ok',
        coverOpen: false,
      },
      a4Printer: { status: 'ok', detail: null, queue: 'A4' },
      scanner: { status: 'ok', detail: null },
      camera: { status: 'ok', detail: null },
    },
    resources: {
      cpuLoad: 0.2,
      memoryUsedPercent: 35,
      diskFreePercent: script === 'diskLow' ? 6 : 58,
    },
    rttMs: 18,
    lastErrors: [],
    maintenance: false,
  };
}

export async function seedDemoFleet(registry: TerminalRegistry): Promise<void> {
  const existing = new Set((await registry.list()).map((t) => t.id));
  for (const { script: _s, ...t } of FLEET) {
    if (!existing.has(t.id)) await registry.register(t, { id: null, ip: null });
  }
}

/** Heartbeats for the demo fleet every 15 s; 'silent' terminals beat once, then go quiet. */
export function runDemoFleet(fleet: FleetService): () => void {
  const startedAt = Date.now();
  let first = true;
  const beat = async () => {
    for (const t of FLEET) {
      if (t.script === 'silent' && !first) continue;
      await fleet.heartbeat(t.id, heartbeatFor(t.script, startedAt)).catch(() => undefined);
    }
    first = false;
  };
  void beat();
  const timer = setInterval(() => void beat(), 15_000);
  timer.unref();
  return () => clearInterval(timer);
}
