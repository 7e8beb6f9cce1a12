/** Picks the best stored encoding the client accepts: brotli, then gzip, then none. */
export type Encoding = 'br' | 'gzip' | 'identity';

export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  if (!header) return accepted;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

export function chooseEncoding(header: string | undefined, available: { br: boolean; gzip: boolean }): Encoding {
  const accepted = acceptedEncodings(header);
  if (available.br && (accepted.has('br') || accepted.has('*'))) return 'br';
  if (available.gzip && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return 'identity';
}
