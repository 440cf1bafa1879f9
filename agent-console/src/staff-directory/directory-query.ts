import type { DirectoryQuery } from '@onething/contract/rest/directory';

/** What the picker's controls hold; empty strings mean "any". */
export interface PickerFilters {
  q: string;
  department: string;
  language: string;
  onlineOnly: boolean;
}

/** The directory query for the picker's filters: empty filters are left out. */
export function directoryQuery(f: PickerFilters): DirectoryQuery {
  const q = f.q.trim();
  return {
    ...(q ? { q } : {}),
    ...(f.department ? { department: f.department } : {}),
    ...(f.language ? { language: f.language } : {}),
    presence: f.onlineOnly ? 'online' : 'any',
  };
}
