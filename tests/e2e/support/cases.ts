import type { TestServer } from '../../../booth-server/src/testing/test-server.ts';

/**
 * Every department turns the case down, so it is no longer open: a file that files the same
 * subject again (one open case per subject, issue 14) closes the earlier case first.
 */
export async function closeCase(server: TestServer, caseNumber: string): Promise<void> {
  const { cases, catalogues } = server.server;
  const view = await cases.view(caseNumber);
  for (const sub of view.subCases) {
    const department = catalogues.current().item(sub.items[0]?.code ?? '')?.department;
    if (!department || sub.status !== 'received') continue;
    await cases.transition(caseNumber, department, 'rejected', null, { type: 'system', id: null });
  }
}
