import type { SelectionProblem } from '@onething/contract/catalogue/form';
import { AppError, type ErrorCode } from '@onething/contract/errors';

function describe(p: SelectionProblem): string {
  switch (p.kind) {
    case 'unknownBundle':
      return `unknown bundle "${p.bundle}"`;
    case 'emptySelection':
      return 'no item was chosen';
    case 'unknownItem':
      return `unknown item "${p.item}"`;
    case 'notInBundle':
      return `item "${p.item}" is not part of this bundle`;
    case 'mustGoTogether':
      return `items ${p.group.join(', ')} must be chosen together; missing ${p.missing.join(', ')}`;
  }
}

/**
 * The citizen's choice of items cannot make a form. `problems` lists every reason (all unknown
 * codes, every broken must-go-together group) so the kiosk can point at each one.
 */
export class SelectionError extends AppError {
  readonly problems: readonly SelectionProblem[];

  constructor(code: ErrorCode, problems: SelectionProblem[]) {
    super(code, problems.map(describe).join('; '), { details: { problems } });
    this.name = 'SelectionError';
    this.problems = problems;
  }

  static unknownBundle(bundle: string): SelectionError {
    return new SelectionError('CATALOGUE_UNKNOWN_BUNDLE', [{ kind: 'unknownBundle', bundle }]);
  }

  static emptySelection(): SelectionError {
    return new SelectionError('VALIDATION_FAILED', [{ kind: 'emptySelection' }]);
  }

  /** Unknown codes and codes of other bundles. */
  static unknownItems(problems: SelectionProblem[]): SelectionError {
    return new SelectionError('CATALOGUE_UNKNOWN_ITEM', problems);
  }

  static incomplete(problems: SelectionProblem[]): SelectionError {
    return new SelectionError('ITEMS_INCOMPLETE', problems);
  }
}
