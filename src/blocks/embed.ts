/**
 * Something that lives on another site (a video, a post): shown as a link
 * card naming the provider. Nothing is loaded from the third party until the
 * reader follows the link: no iframe, no script, no remote image. The
 * optional thumbnail is a local image, probed and served like any other.
 */
import type { Text } from '../text/locale';
import { z } from 'zod';
import { httpUrl, imagePath, text } from '../fields';
import { imageModel, placeImage, type PlacedImage } from '../images/image-model';
import { escapeHtml, plainInline } from '../text/inline';
import { pictureFields, type Picture } from './picture';
import type { BlockDefinition } from './types';

export const EMBED_PROVIDERS = ['youtube', 'vimeo', 'x', 'instagram', 'other'] as const;
type Provider = (typeof EMBED_PROVIDERS)[number];

/** Each named provider: how it is named, what the reader does there, and the hosts its links may point at. */
const PROVIDERS: Record<Exclude<Provider, 'other'>, { name: string; verb: string; hosts: readonly string[] }> = {
  youtube: { name: 'YouTube', verb: 'Watch', hosts: ['youtube.com', 'youtu.be', 'youtube-nocookie.com'] },
  vimeo: { name: 'Vimeo', verb: 'Watch', hosts: ['vimeo.com'] },
  x: { name: 'X', verb: 'View', hosts: ['x.com', 'twitter.com'] },
  instagram: { name: 'Instagram', verb: 'View', hosts: ['instagram.com', 'instagr.am'] },
};

/** The link's host without "www.", as readers know it ("youtube.com"). */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

const onHost = (host: string, domains: readonly string[]) => domains.some((domain) => host === domain || host.endsWith(`.${domain}`));

const thumbnailSchema = z.strictObject({ src: imagePath, alt: pictureFields.alt });

const schema = z
  .strictObject({
    type: z.literal('embed'),
    provider: z.enum(EMBED_PROVIDERS, { message: `must be one of ${EMBED_PROVIDERS.map((p) => `"${p}"`).join(', ')}` }),
    url: httpUrl,
    title: text.optional(),
    thumbnail: thumbnailSchema.optional(),
  })
  .superRefine((embed, ctx) => {
    // A card that says "Watch on YouTube" must lead to YouTube.
    const provider = embed.provider !== 'other' ? PROVIDERS[embed.provider] : undefined;
    if (!provider || typeof embed.url !== 'string' || !URL.canParse(embed.url)) return;
    if (!onHost(hostOf(embed.url), provider.hosts)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: `must be an address on ${provider.name} (${provider.hosts.join(', ')}) for provider "${embed.provider}"; use provider "other" for any other site` });
    }
  });
type EmbedRecord = z.infer<typeof schema>;

interface EmbedBlock {
  type: 'embed';
  provider: Provider;
  url: string;
  title?: string;
  thumbnail?: Picture;
}

interface EmbedModel {
  type: 'embed';
  url: string;
  /** What following the link does: "Watch on YouTube", "Open on example.org". */
  action: string;
  title?: string;
  thumbnail?: PlacedImage;
}

/** The thumbnail beside the card's words from 600px (12rem), above them on phones. */
const THUMBNAIL_SIZES = '(min-width: 600px) 12rem, calc(100vw - 4rem)';

function actionOf(block: { provider: Provider; url: string }, text: Text): string {
  if (block.provider === 'other') return text.t('block.openOn', { host: hostOf(block.url) });
  const provider = PROVIDERS[block.provider];
  return text.t(provider.verb === 'Watch' ? 'block.watchOn' : 'block.viewOn', { provider: provider.name });
}

export const embed: BlockDefinition<'embed', typeof schema, EmbedBlock, EmbedModel> = {
  type: 'embed',
  schema,
  imagePaths: (record) => (record.thumbnail ? [record.thumbnail.src] : []),
  shareStrings: (record, one) => {
    if (record.thumbnail) record.thumbnail.src = one(record.thumbnail.src);
  },
  withImagePaths: (record, map) => {
    if (!record.thumbnail) return record;
    const src = map(record.thumbnail.src);
    const { thumbnail, ...rest } = record;
    return src ? { ...rest, thumbnail: { src, alt: thumbnail.alt } } : rest;
  },
  resolve: (record, field, env) => {
    const thumbnail = record.thumbnail && env.picture(`${field}.thumbnail`, record.thumbnail);
    if (record.thumbnail && !thumbnail) return undefined;
    return { type: 'embed', provider: record.provider, url: record.url, ...(record.title && { title: record.title }), ...(thumbnail && { thumbnail }) };
  },
  pictures: (block) => (block.thumbnail ? [block.thumbnail] : []),
  canonical: (record): EmbedRecord => ({
    type: 'embed',
    provider: record.provider,
    url: record.url,
    ...(record.title && { title: record.title }),
    ...(record.thumbnail && { thumbnail: { src: record.thumbnail.src, alt: record.thumbnail.alt } }),
  }),
  texts: (block, out) => {
    if (block.title) out.push(plainInline(block.title));
  },
  feedHtml: (block, env) => {
    const words = block.title ? `${actionOf(block, env.text)}: ${block.title}` : actionOf(block, env.text);
    return `<p><a href="${escapeHtml(block.url)}" rel="noopener noreferrer">${escapeHtml(words)}</a></p>`;
  },
  model: (block, env) => ({
    type: 'embed',
    url: block.url,
    action: actionOf(block, env.text),
    ...(block.title && { title: block.title }),
    ...(block.thumbnail && { thumbnail: placeImage(imageModel(block.thumbnail.asset, block.thumbnail.alt), 'embed__image', THUMBNAIL_SIZES, 'lazy') }),
  }),
};
