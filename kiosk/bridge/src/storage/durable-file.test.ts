import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DurableFile, writeFileAtomic } from './durable-file.ts';

const State = z.object({ version: z.literal(1), items: z.array(z.string()) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'durable-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes the whole text owner-only and leaves no temp file behind', async () => {
    const file = path.join(dir, 'secret');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['secret']);
  });

  it('removes its temp file when the rename fails (here: onto a non-empty directory)', async () => {
    const target = path.join(dir, 'a-directory');
    await writeFile(path.join(dir, 'placeholder'), '');
    await mkdir(target);
    await writeFile(path.join(target, 'inside'), '');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['a-directory', 'placeholder']);
  });
});

describe('DurableFile', () => {
  it('reads back what it wrote, writes in the order asked, and reports a missing file', async () => {
    const file = new DurableFile(path.join(dir, 'state.json'));
    expect(await file.read(State)).toEqual({ kind: 'absent' });
    void file.write(JSON.stringify({ version: 1, items: ['a'] }));
    void file.write(JSON.stringify({ version: 1, items: ['a', 'b'] }));
    await file.settled();
    const read = await file.read(State);
    expect(read).toMatchObject({ kind: 'read', value: { version: 1, items: ['a', 'b'] } });
    expect((await stat(file.path)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['not JSON', '{"version": 1, "items": ['],
    ['wrong shape', '{"version": 2, "items": []}'],
  ])('moves a file that is %s aside, keeping it, and says where', async (reason, text) => {
    const file = new DurableFile(path.join(dir, 'state.json'), { clock: () => 1234 });
    await writeFile(file.path, text);
    const aside = `${file.path}.corrupt-1234`;
    expect(await file.read(State)).toEqual({ kind: 'quarantined', aside, reason });
    expect(await readFile(aside, 'utf8')).toBe(text);
    expect(await file.read(State)).toEqual({ kind: 'absent' });
  });

  it('throws read errors other than a missing file', async () => {
    const file = new DurableFile(dir);
    await expect(file.read(State)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
