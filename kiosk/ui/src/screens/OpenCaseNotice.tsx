import type { OpenCaseRefusal } from '@onething/contract/rest/open-case';
import { pick } from '../i18n/strings.ts';
import { useFlow, useT } from '../ui/context.ts';
import { Message } from '../ui/Message.tsx';

/**
 * Why a submission was refused as a second filing for a subject with an open case. Its own
 * applicant sees the earlier case's number and status; anyone else (the other parent) only that
 * an application is in progress and whom to ask — never the number.
 */
export function OpenCaseNotice({ open }: { open: OpenCaseRefusal }) {
  const s = useFlow();
  const t = useT();
  if (open.applicant === 'same') {
    return (
      <Message tone="info" id="open-case">
        {t('honest.openCase.same', {
          caseNumber: open.caseNumber,
          status: t(`caseStatus.${open.status}`),
        })}
      </Message>
    );
  }
  const department = pick(s.lang, open.department);
  return (
    <Message tone="info" id="open-case">
      {open.hotline
        ? t('honest.openCase.other', { department, hotline: open.hotline })
        : t('honest.openCase.otherNoPhone', { department })}
    </Message>
  );
}
