/**
 * Article bodies between the body store and the pages: stored once when a
 * record is read (canonical JSON, with what resolving it needs noted beside
 * it), and read back, parsed and resolved only when a page, a feed or the
 * search index asks for one (docs/decisions/0018-bodies-off-heap.md).
 */
import { canonicalBlock, grantingEverything, resolveBlock, type Block, type BlockRecord } from '../blocks/registry';
import { pictureOf, type Picture } from '../blocks/picture';
import type { ResolveEnv } from '../blocks/types';
import type { BodyStore, StoredBody } from './body-store';
import type { ImageProbe } from './images';
import type { ImageAsset } from '../images/asset';

export type { StoredBody } from './body-store';

/** What a body's blocks ask of the load: the images they show and the articles they link to, in order of appearance. */
export function bodyNeeds(blocks: readonly BlockRecord[]): { images: string[]; links: string[] } {
  const images = new Set<string>();
  const links = new Set<string>();
  // Resolving with an environment that grants everything and notes what was asked:
  // exactly what a real resolve would look up, whatever block types there are.
  const env = grantingEverything({ picture: (src) => images.add(src), article: (slug) => links.add(slug) });
  blocks.forEach((block, i) => resolveBlock(block, `body[${i}]`, env));
  return { images: [...images], links: [...links] };
}

/** Puts a checked body into the store, in canonical form (what resolves the same is written one way). */
export function storeBody(store: BodyStore, blocks: readonly BlockRecord[]): StoredBody {
  const canonical = blocks.map(canonicalBlock);
  const { images, links } = bodyNeeds(canonical);
  return store.append(JSON.stringify(canonical), images, links);
}

/** Resolved bodies kept for the articles read last (a popular story is asked for by many pages at once). */
const RECENT_BODIES = 256;

/**
 * The bodies of one loaded content version: the store, and the image probes
 * of that load, which turn a body's image paths into pictures.
 */
export class Bodies {
  private readonly recent = new Map<StoredBody, Block[]>();

  constructor(
    readonly store: BodyStore,
    /** The image probes of the load, by path. */
    readonly images: ReadonlyMap<string, ImageProbe>,
  ) {}

  /** The same store with more image probes (a reload of a few articles that show new images); these win over the old. */
  withImages(more: ReadonlyMap<string, ImageProbe>): Bodies {
    if (more.size === 0) return new Bodies(this.store, this.images);
    return new Bodies(this.store, new Map([...this.images, ...more]));
  }

  /** The body's blocks as its record wrote them (canonical form). */
  records(body: StoredBody): BlockRecord[] {
    return JSON.parse(this.store.read(body)) as BlockRecord[];
  }

  /**
   * The body's blocks, resolved: what the article page, feeds and search show.
   * `remember`: keep them for the next ask (not for a pass over every article, which would only push the popular ones out).
   */
  blocks(body: StoredBody, remember = true): Block[] {
    const known = this.recent.get(body);
    if (known) return known;
    const env: ResolveEnv = {
      picture: (field, record) => this.picture(field, record.src, record),
      // Promo targets were checked when the content loaded; whether one is visible is the page's question.
      hasArticle: () => true,
      fail: (field, message) => {
        throw new Error(`a stored body no longer resolves at ${field}: ${message}`);
      },
    };
    const blocks = this.records(body).map((record, i) => resolveBlock(record, `body[${i}]`, env) as Block);
    if (!remember) return blocks;
    if (this.recent.size >= RECENT_BODIES) this.recent.delete(this.recent.keys().next().value as StoredBody);
    this.recent.set(body, blocks);
    return blocks;
  }

  /** The probed image at `src`, when the load could read it. */
  asset(src: string): ImageAsset | undefined {
    const probe = this.images.get(src);
    return probe?.ok ? probe.asset : undefined;
  }

  private picture(field: string, src: string, record: Parameters<typeof pictureOf>[1]): Picture {
    const asset = this.asset(src);
    if (!asset) throw new Error(`a stored body's image ${src} at ${field} was not probed with its content`);
    return pictureOf(asset, record);
  }
}
