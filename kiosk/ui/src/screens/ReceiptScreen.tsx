import { formatDueDate } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { PrintStatus } from '../ui/PrintStatus.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** The case number, large, and the receipt (with the status QR code) on the receipt printer. */
export function ReceiptScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const c = s.caseView;
  if (!c) return null;
  const job = s.receiptJobId ? s.printJobs[s.receiptJobId] : undefined;
  const notPrinted = job?.state === 'failed' || (!s.receiptJobId && s.problem?.source === 'bridge');
  return (
    <ScreenLayout
      name="receipt"
      title={t('receipt.title')}
      // how the receipt is doing is said right below, as it changes
      intro={t('receipt.intro')}
      actions={
        <>
          <button
            type="button"
            class="btn btn-secondary"
            disabled={!s.bridgeConnected}
            onClick={() => void session.printing.reprintReceipt()}
          >
            <Icon name="printer" /> {t('receipt.reprint')}
          </button>
          <button
            type="button"
            class="btn btn-primary btn-large"
            onClick={() => session.printing.receiptDone()}
          >
            {t('receipt.continue')}
          </button>
        </>
      }
    >
      {s.caseDuplicate && <Message tone="info">{t('receipt.duplicate')}</Message>}
      {(s.help.caseNumber === c.caseNumber || s.rating.call?.caseNumber === c.caseNumber) && (
        <Message tone="info">{t('help.caseFiled', { caseNumber: c.caseNumber })}</Message>
      )}
      <div class="case-number">
        <span class="case-number-label">{t('receipt.caseNumber')}</span>
        <span class="case-number-value">{c.caseNumber}</span>
      </div>
      <p class="strong">{pick(s.lang, c.bundleName)}</p>
      {c.dueAt !== null && <p>{t('receipt.due', { date: formatDueDate(c.dueAt, s.lang) })}</p>}
      <PrintStatus jobId={s.receiptJobId} />
      {notPrinted && (
        <Message tone="warning">{t('receipt.writeDown', { caseNumber: c.caseNumber })}</Message>
      )}
    </ScreenLayout>
  );
}
