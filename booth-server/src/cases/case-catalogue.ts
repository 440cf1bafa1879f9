import type { ItemReasons } from '@onething/contract/catalogue/schema';
import type { CaseStatus, Text } from '@onething/contract/rest/kiosk';

/** What the case store needs to know of the catalogue version a case is filed under. */
export interface CaseCatalogue {
  version: string;
  bundleName(code: string): Text | undefined;
  item(code: string):
    | {
        name: Text;
        department: string;
        promisedDays: number | null;
        /** Canonical fields the item's form uses: all its department needs to see. */
        fields?: readonly string[];
        /** Materials the item asks for. */
        materials?: readonly string[];
        /** The workbench's reason lists per action. */
        reasons?: ItemReasons;
        /** What 办结 gives the applicant; `licence` goes to the licence library. */
        result?: { name: Text; licence?: string };
      }
    | undefined;
  departmentName(code: string): Text;
  /**
   * The bundle's subject key (one open case per subject) and whom another applicant should ask
   * about the open case; undefined when the bundle names none.
   */
  subjectKey?(bundleCode: string):
    | {
        field: string;
        openStatuses: readonly CaseStatus[];
        ask: { department: Text; hotline: string | null };
      }
    | undefined;
  materialName?(key: string): Text | undefined;
  fieldLabel?(key: string): Text | undefined;
  /** The label of an option of an enum field. */
  optionLabel?(key: string, value: string): Text | undefined;
  licenceName?(code: string): Text | undefined;
  /** Fields shown masked until a staff member reveals them with a reason (ID, phone, account). */
  maskedUntilRevealed?(field: string): boolean;
}

/** The catalogue versions cases are filed under: the current one, and any earlier one by id. */
export interface CaseCatalogues {
  current(): CaseCatalogue;
  get(version: string): CaseCatalogue;
}
