/**
 * A problem is one thing wrong with one record: the file it is in, the field
 * (a path like "body[3].alt") and a sentence a newsroom editor can act on.
 */
import type { z } from 'zod';

export interface Problem {
  /** Path of the file relative to the data folder, e.g. "articles/my-story.json". */
  file: string;
  /** Field path inside the record, e.g. "body[3].alt"; empty for the whole file. */
  field: string;
  message: string;
}

export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Turns zod's issues into problems, rewording the ones whose default text is unhelpful. */
export function problemsFromZod(file: string, error: z.ZodError): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ file, field: formatFieldPath([...issue.path, key]), message: 'is not a known field (check its spelling)' });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'is required but missing';
    problems.push({ file, field: formatFieldPath(issue.path), message });
  }
  return problems;
}

export function formatProblem(problem: Problem): string {
  return problem.field ? `${problem.file}: ${problem.field}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}
