/**
 * Rendered pages, kept as bytes. A page is a pure function of (catalog
 * version, URL), so once rendered it can be served again as is: the HTML and
 * its gzip and brotli forms are made once, with a strong ETag. The cache is
 * an LRU bounded by bytes; when the catalog version changes (a reload, an
 * embargo lifting) every older entry is dropped at once, so no reader ever
 * gets a page from an older catalog.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/** One stored form of a page: the body and the complete header list it is sent with, ready for writeHead. */
export interface PageForm {
  /** [name, value, name, value, …]: the page's headers, ETag, Content-Encoding (if any) and Content-Length. Frozen. */
  headers: string[];
  body: Buffer;
}

/** What a hit sends, made once when the page is stored (send-cached.ts picks one). */
export interface PageSendForms {
  identity: PageForm;
  gzip: PageForm;
  br: PageForm;
  /** The headers of a 304: the page's, with its ETag, without Content-Type. Frozen. */
  notModified: string[];
}

export interface CachedPage {
  status: number;
  etag: string;
  /** The three encodings with the header lists they are sent with. */
  send: PageSendForms;
  /** What the entry costs the cache: the three bodies plus its key. */
  bytes: number;
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
  version: string;
}

/**
 * Brotli quality 5 and gzip level 6: a page is compressed once per catalog
 * version, but a cold cache (a deploy, a crawler) compresses many pages, and
 * quality 11 costs tens of milliseconds per page for a few percent.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;

/** Headers that belong to one response on one connection, never to a stored page. */
const PER_RESPONSE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'etag', 'set-cookie', 'age']);

/** Builds the stored form of a page: its headers (per-response ones dropped), ETag, and three encodings. */
export function makeCachedPage(status: number, headers: Record<string, string | number | readonly string[] | undefined>, html: string, key = ''): CachedPage {
  const identity = Buffer.from(html, 'utf8');
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || PER_RESPONSE_HEADERS.has(lower)) continue;
    kept[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  kept.vary = 'Accept-Encoding';
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  const gzip = zlib.gzipSync(identity, { level: GZIP_LEVEL });
  const brotli = zlib.brotliCompressSync(identity, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
  });
  return { status, etag, send: sendForms(kept, etag, identity, gzip, brotli), bytes: identity.length + gzip.length + brotli.length + key.length * 2 };
}

/**
 * The header lists of every answer a stored page can give, in the order the
 * page's headers were set, then ETag, Content-Encoding and Content-Length.
 */
function sendForms(headers: Readonly<Record<string, string>>, etag: string, identity: Buffer, gzip: Buffer, brotli: Buffer): PageSendForms {
  // Frozen: one array is handed to writeHead by every hit, so nothing may change it.
  const frozen = (list: string[]): string[] => Object.freeze(list) as string[];
  const entries = Object.entries(headers);
  const base = entries.flat();
  const form = (body: Buffer, encoding?: string): PageForm => ({
    headers: frozen([...base, 'etag', etag, ...(encoding ? ['content-encoding', encoding] : []), 'content-length', String(body.length)]),
    body,
  });
  return {
    identity: form(identity),
    gzip: form(gzip, 'gzip'),
    br: form(brotli, 'br'),
    notModified: frozen([...entries.filter(([name]) => name !== 'content-type').flat(), 'etag', etag]),
  };
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private version = '';
  private totalBytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number) {}

  /** Looks a page up for this catalog version; a new version empties the cache first. */
  get(version: string, url: string): CachedPage | undefined {
    this.useVersion(version);
    const entry = this.entries.get(url);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    // Most recently used goes last: Map keeps insertion order, so the first key is the LRU one.
    this.entries.delete(url);
    this.entries.set(url, entry);
    this.hits++;
    return entry;
  }

  /** Keeps a page unless it alone is larger than the whole budget; evicts least recently used ones to fit. */
  set(version: string, url: string, entry: CachedPage): void {
    this.useVersion(version);
    if (entry.bytes > this.maxBytes) return;
    const previous = this.entries.get(url);
    if (previous) {
      this.entries.delete(url);
      this.totalBytes -= previous.bytes;
    }
    while (this.totalBytes + entry.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.totalBytes -= (this.entries.get(oldest.value) as CachedPage).bytes;
      this.entries.delete(oldest.value);
      this.evictions++;
    }
    this.entries.set(url, entry);
    this.totalBytes += entry.bytes;
  }

  stats(): PageCacheStats {
    return { entries: this.entries.size, bytes: this.totalBytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses, evictions: this.evictions, version: this.version };
  }

  private useVersion(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.totalBytes = 0;
    this.version = version;
  }
}
