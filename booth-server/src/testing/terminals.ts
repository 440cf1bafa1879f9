import { readJson } from './test-server.ts';

type TerminalExtra = Partial<{
  name: string;
  site: string;
  region: string;
  kind: 'terminal' | 'booth';
}>;

/** Registers a terminal as an admin would; returns its one-time enrolment code. */
export async function registerTerminal(
  url: string,
  adminCookie: string,
  id: string,
  extra: TerminalExtra = {},
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
  return (await readJson(reg)).enrolmentCode;
}

/** Registers a terminal as an admin and enrols it; returns its credential. */
export async function enrolTerminal(
  url: string,
  adminCookie: string,
  id: string,
  extra: TerminalExtra = {},
): Promise<string> {
  const enrolmentCode = await registerTerminal(url, adminCookie, id, extra);
  const enrol = await fetch(`${url}/api/terminal/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: id, code: enrolmentCode }),
  });
  if (!enrol.ok) throw new Error(`enrolling ${id}: ${enrol.status} ${await enrol.text()}`);
  return (await readJson(enrol)).credential;
}
