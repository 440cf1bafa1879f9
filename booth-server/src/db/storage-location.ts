import path from 'node:path';

export type StorageLocation =
  { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; file: string };

/** Where the data lives, from DATA_DIR and DATABASE_URL: one rule for the server and its tools. */
export function storageLocation(opts: {
  dataDir: string;
  databaseUrl?: string | undefined;
}): StorageLocation {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', url };
  const file = url?.startsWith('sqlite:')
    ? url.slice('sqlite:'.length)
    : path.join(opts.dataDir, 'onething.sqlite');
  return { dialect: 'sqlite', file: path.resolve(file) };
}
