import { useFlow, useT } from './context.ts';
import { Message, type Tone } from './Message.tsx';

/** Progress of one print job, from the bridge's print:progress notifications. */
export function PrintStatus({ jobId }: { jobId: string | null }) {
  const { printJobs } = useFlow();
  const t = useT();
  if (!jobId) return null;
  const job = printJobs[jobId];
  if (!job) return null;
  const detail = job.problem ? t(`print.problem.${job.problem}`) : t('print.noDetail');
  const [tone, text]: [Tone, string] =
    job.state === 'done'
      ? ['success', t('print.done')]
      : job.state === 'failed'
        ? ['error', t('print.failed', { detail })]
        : job.state === 'waiting'
          ? ['warning', t('print.waiting', { detail })]
          : job.state === 'printing'
            ? ['pending', t('print.printing')]
            : ['pending', t('print.queued')];
  return (
    <div class="print-status" data-print-state={job.state}>
      <Message tone={tone}>{text}</Message>
    </div>
  );
}
