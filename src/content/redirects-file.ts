/**
 * Reading data/redirects.json: a JSON array of entries, each checked on its
 * own against the schema. A bad entry is dropped with a problem naming its
 * place ("[3].to") and the rest are kept; a file that cannot be read as an
 * array at all yields none (a reload then keeps the last good list, see
 * reload.ts). No file is no redirects, and no problem.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseJson } from './files';
import { problemsFromZod, type Problem } from './problems';
import { redirectSchema, type RedirectRecord } from './schema';

export const REDIRECTS_FILE = 'redirects.json';

/** An entry that passed its own checks, with its place in the file (for problems: "[3].from"). */
export interface RedirectEntry {
  index: number;
  record: RedirectRecord;
}

export type RedirectsRead =
  /** There is no redirects.json. */
  | { state: 'absent' }
  /** It cannot be read, is not JSON, or is not an array (the problem says which). */
  | { state: 'broken' }
  | { state: 'read'; entries: RedirectEntry[] };

export async function readRedirects(dataDir: string, problems: Problem[]): Promise<RedirectsRead> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, REDIRECTS_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'absent' };
    problems.push({ file: REDIRECTS_FILE, field: '', message: `cannot be read (${code ?? (error as Error).message})` });
    return { state: 'broken' };
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    problems.push({ file: REDIRECTS_FILE, field: '', message: parsed.message });
    return { state: 'broken' };
  }
  if (!Array.isArray(parsed.value)) {
    problems.push({ file: REDIRECTS_FILE, field: '', message: 'must be a JSON array of redirects, such as [{"from": "/old", "to": "/articles/new"}]' });
    return { state: 'broken' };
  }
  const entries: RedirectEntry[] = [];
  parsed.value.forEach((value: unknown, index) => {
    const result = redirectSchema.safeParse(value);
    if (result.success) entries.push({ index, record: result.data });
    else for (const problem of problemsFromZod(REDIRECTS_FILE, result.error)) problems.push({ ...problem, field: `[${index}]${problem.field && !problem.field.startsWith('[') ? '.' : ''}${problem.field}` });
  });
  return { state: 'read', entries };
}
