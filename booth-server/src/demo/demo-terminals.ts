import type { RegisterTerminalRequest } from '@onething/contract/rest/terminals';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';

/** The terminal `npm start` runs locally: a 政务晓屋 booth in Panyu, Guangzhou. */
export const DEMO_LOCAL_TERMINAL: RegisterTerminalRequest = {
  id: 'PY-BOOTH-001',
  name: '番禺区政务服务中心 政务晓屋 1号',
  site: '番禺区政务服务中心',
  region: '440113',
  kind: 'booth',
};

export async function seedDemoTerminals(registry: TerminalRegistry): Promise<void> {
  const existing = new Set((await registry.list()).map((t) => t.id));
  if (!existing.has(DEMO_LOCAL_TERMINAL.id)) {
    await registry.register(DEMO_LOCAL_TERMINAL, { id: null, ip: null });
  }
}
