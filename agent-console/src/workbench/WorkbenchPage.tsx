import type { StaffProfile } from '@onething/contract/rest/staff';
import type { Worklist as WorklistAnswer, WorklistQuery } from '@onething/contract/rest/workbench';
import { WorkbenchRoutes } from '@onething/contract/rest/workbench-routes';
import { useEffect, useState } from 'preact/hooks';
import { rest } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';
import { onReconnect, onStaff } from '../realtime/staff-socket.ts';
import { SubCasePanel } from './SubCasePanel.tsx';
import { WorklistView } from './WorklistView.tsx';
import './workbench.css';

/**
 * The department workbench: the worklist of my department's sub-cases in the regions I serve,
 * and one sub-case to work. A change to any of them (another reviewer, the applicant supplying
 * material) arrives over the staff socket and reloads what is shown.
 */
export function WorkbenchPage({ profile }: { profile: StaffProfile }) {
  const { t, tError } = useT();
  const [query, setQuery] = useState<WorklistQuery>({});
  const [list, setList] = useState<WorklistAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [live, setLive] = useState<string | null>(null);

  const load = (q: WorklistQuery) =>
    rest
      .call(WorkbenchRoutes.worklist, { query: q })
      .then((l) => {
        setList(l);
        setError(null);
      })
      .catch(setError);

  useEffect(() => {
    void load(query);
  }, [query]);
  useEffect(() => {
    const offChange = onStaff('workbench:subCaseChanged', (c) => {
      if (c.department !== profile.department) return;
      setLive(c.caseNumber);
      void load(query);
    });
    const offReconnect = onReconnect(() => void load(query));
    return () => {
      offChange();
      offReconnect();
    };
  }, [query, profile.department]);

  return (
    <div class="bench">
      <section class="bench-list" aria-labelledby="bench-title" hidden={open !== null}>
        <h2 id="bench-title">{t('bench_title')}</h2>
        <p class="bench-live" role="status">
          {live ? t('bench_live_changed').replace('{case}', live) : ''}
        </p>
        {error !== null && <p role="alert">{tError(error)}</p>}
        <WorklistView
          list={list}
          query={query}
          regions={profile.regions}
          onQuery={setQuery}
          onOpen={setOpen}
        />
      </section>
      {open !== null && (
        <SubCasePanel
          caseNumber={open}
          department={profile.department}
          onBack={() => {
            setOpen(null);
            void load(query);
          }}
        />
      )}
    </div>
  );
}
