/** What a conversion dropped or guessed, each said once with how often ("dropped a <script> (×3)"). */
export class Notes {
  private readonly counts = new Map<string, number>();

  add(note: string): void {
    this.counts.set(note, (this.counts.get(note) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.counts].map(([note, count]) => (count > 1 ? `${note} (×${count})` : note));
  }
}

/** "a <p>", "an <iframe>". */
export const tagPhrase = (name: string): string => `${/^[aeiou]/.test(name) ? 'an' : 'a'} <${name}>`;

/** The host a URL points at, for a note ("dropped an <iframe> from example.org"); undefined for no URL or a relative one. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
    return parsed.hostname || undefined;
  } catch {
    return undefined;
  }
}

/** The note for an element dropped whole: "dropped an <iframe> from example.org", "dropped a <script>". */
export function droppedNote(el: { name: string; attrs: Record<string, string> }): string {
  const host = hostOf(el.attrs.src ?? el.attrs.data ?? el.attrs.action);
  return `dropped ${tagPhrase(el.name)}${host ? ` from ${host}` : ''}`;
}
