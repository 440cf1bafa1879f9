import { queueReference } from '../print/documents.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { PrintStatus } from '../ui/PrintStatus.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** The application waits in the bridge's outbox; if it is delivered while here, the receipt follows. */
export function QueuedScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  if (!s.idempotencyKey) return null;
  return (
    <ScreenLayout
      name="queued"
      title={t('queued.title')}
      intro={t('queued.intro')}
      actions={
        <button
          type="button"
          class="btn btn-secondary"
          disabled={!s.bridgeConnected}
          onClick={() => void session.printing.printQueuedSlip()}
        >
          <Icon name="printer" /> {t('queued.print')}
        </button>
      }
    >
      <div class="case-number">
        <span class="case-number-label">{t('queued.reference')}</span>
        <span class="case-number-value">{queueReference(s.idempotencyKey)}</span>
      </div>
      {s.queuedPending !== null && <p>{t('queued.pending', { count: s.queuedPending })}</p>}
      <PrintStatus jobId={s.receiptJobId} />
    </ScreenLayout>
  );
}
