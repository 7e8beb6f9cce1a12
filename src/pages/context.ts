/** What every page-model function takes and gives back: pure data, never a request or a response. */
import type { Catalog } from '../content/catalog';

/** URLs of fingerprinted static files, from the asset manifest. */
export interface AssetUrls {
  stylesheet: string;
  favicon: string;
}

export interface PageContext {
  catalog: Catalog;
  assets: AssetUrls;
}

export type PageResult<M> =
  /** `keys`: the surrogate keys of what the page shows (src/cache-keys/scheme.ts), for the cache in front. */
  | { kind: 'page'; status: number; view: string; model: M; keys: readonly string[] }
  | { kind: 'redirect'; status: 301 | 302 | 308; location: string }
  | { kind: 'not-found' };
