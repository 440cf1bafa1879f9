import { readJson } from './test-server.ts';

/** Registers a terminal as an admin and enrols it; returns its credential. */
export async function enrolTerminal(
  url: string,
  adminCookie: string,
  id: string,
  extra: Partial<{ name: string; site: string; region: string; kind: 'terminal' | 'booth' }> = {},
): Promise<string> {
  const reg = await fetch(`${url}/api/admin/terminals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    body: JSON.stringify({
      id,
      name: `终端 ${id}`,
      site: '番禺区政务服务中心',
      region: '440113',
      kind: 'terminal',
      ...extra,
    }),
  });
  if (reg.status !== 201) throw new Error(`registering ${id}: ${reg.status} ${await reg.text()}`);
  const { enrolmentCode } = await readJson(reg);
  const enrol = await fetch(`${url}/api/terminal/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: id, code: enrolmentCode }),
  });
  if (!enrol.ok) throw new Error(`enrolling ${id}: ${enrol.status} ${await enrol.text()}`);
  return (await readJson(enrol)).credential;
}
