/**
 * Which originals have variants: every image the loaded content refers to
 * (site logo, avatars, article and body images), by fingerprint. Built once
 * per Content object, so a reload brings in new pictures and drops old ones.
 */
import type { Content, ImageAsset } from './model';

const registries = new WeakMap<Content, ReadonlyMap<string, ImageAsset>>();

export function imageRegistry(content: Content): ReadonlyMap<string, ImageAsset> {
  let registry = registries.get(content);
  if (!registry) {
    const byHash = new Map<string, ImageAsset>();
    const add = (asset: ImageAsset | undefined) => {
      if (asset) byHash.set(asset.hash, asset);
    };
    add(content.site.logo);
    for (const author of content.authors.values()) add(author.avatar);
    for (const article of content.articles.values()) {
      add(article.image?.asset);
      for (const src of article.body.images ?? []) add(content.bodies.asset(src));
    }
    registry = byHash;
    registries.set(content, registry);
  }
  return registry;
}
