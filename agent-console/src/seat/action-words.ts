import type {
  RemoteActionFailure,
  RemoteActionOutcome,
  RemoteActionProblem,
} from '@onething/contract/sockets/booth';
import { codeText } from '../i18n/error-text.ts';
import { type Lang, pick, type StringKey, strings } from '../i18n/strings.ts';
import { fill } from './format.ts';

/**
 * A remote action's outcome and problem in the agent's language: the booth and the server send
 * codes and parameters only. Pure, so it is tested in node.
 */

const FAILURE: Record<RemoteActionFailure, StringKey> = {
  citizenStopped: 'seat_failure_citizenStopped',
  cardExpired: 'seat_failure_cardExpired',
  cardNotYetValid: 'seat_failure_cardNotYetValid',
  cardUnreadable: 'seat_failure_cardUnreadable',
  cardReaderUnavailable: 'seat_failure_cardReaderUnavailable',
  cameraUnavailable: 'seat_failure_cameraUnavailable',
  uploadFailed: 'seat_failure_uploadFailed',
  printerUnavailable: 'seat_failure_printerUnavailable',
  printFailed: 'seat_failure_printFailed',
};

/** What a done action yielded: the card read (name masked) or the document uploaded. */
export function outcomeText(outcome: RemoteActionOutcome, lang: Lang): string {
  switch (outcome.code) {
    case 'cardRead':
      return fill(pick(lang, strings.seat_outcome_cardRead), { name: outcome.maskedName });
    case 'documentCaptured':
      return fill(pick(lang, strings.seat_outcome_documentCaptured), {
        uploadId: outcome.uploadId,
      });
  }
}

/** Why a consented action failed; a refused filing by its catalogue code and the field at fault. */
export function problemText(problem: RemoteActionProblem, lang: Lang): string {
  switch (problem.code) {
    case 'booth':
      return pick(lang, strings[FAILURE[problem.reason]]);
    case 'noCardRead':
      return pick(lang, strings.seat_problem_noCardRead);
    case 'noDocumentCaptured':
      return pick(lang, strings.seat_problem_noDocumentCaptured);
    case 'draftIncomplete':
      return pick(lang, strings.seat_problem_draftIncomplete);
    case 'filingRefused': {
      const words = codeText(problem.error, lang);
      return problem.field === null
        ? words
        : fill(pick(lang, strings.seat_problem_filingField), { words, field: problem.field });
    }
    case 'filingFailed':
      return pick(lang, strings.seat_problem_filingFailed);
  }
}
