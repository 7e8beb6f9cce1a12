/**
 * A "read more" promo: a label ("VIDEO") and a line of text, linked to
 * another article on this site while that article is visible, else shown as
 * text (docs/decisions/0001-unlinked-promos.md).
 */
import { z } from 'zod';
import { text } from '../fields';
import { absoluteUrl } from '../routes/urls';
import { escapeHtml, plainInline } from '../text/inline';
import type { BlockDefinition } from './types';

const ARTICLE_PATH = '/articles/';

/** A promo links to another article on this site; imported promos whose target is elsewhere may omit href. */
const promoHref = z.string().regex(/^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a link to an article on this site, "/articles/<slug>"');

const schema = z.strictObject({ type: z.literal('promo'), label: text.optional(), text, href: promoHref.optional() });

interface Promo {
  type: 'promo';
  label?: string;
  text: string;
  targetSlug?: string;
}

interface PromoModel {
  type: 'promo';
  text: string;
  /** The landmark's name: the label, or "Read more". */
  ariaLabel: string;
  label?: string;
  url?: string;
}

export const promo: BlockDefinition<'promo', typeof schema, Promo, PromoModel> = {
  type: 'promo',
  schema,
  resolve: (record, field, env) => {
    const targetSlug = record.href?.slice(ARTICLE_PATH.length);
    if (targetSlug !== undefined && !env.hasArticle(targetSlug)) {
      return env.fail(`${field}.href`, `links to article "${targetSlug}", which does not exist or has errors`);
    }
    return { type: 'promo', text: record.text, ...(record.label && { label: record.label }), ...(targetSlug && { targetSlug }) };
  },
  articleLinks: (block) => (block.targetSlug ? [block.targetSlug] : []),
  canonical: (record) => ({ type: 'promo', ...(record.label && { label: record.label }), text: record.text, ...(record.href && { href: record.href }) }),
  texts: (block, out) => {
    if (block.label) out.push(plainInline(block.label));
    out.push(plainInline(block.text));
  },
  feedHtml: (block, env) => {
    // Linked only while the target is visible: a feed must not point at a draft or an embargo.
    const path = block.targetSlug ? env.visibleArticlePath(block.targetSlug) : undefined;
    const label = block.label ? `<strong>${escapeHtml(block.label)}</strong> ` : '';
    const words = escapeHtml(block.text);
    return `<p>${label}${path ? `<a href="${escapeHtml(absoluteUrl(env.site, path))}">${words}</a>` : words}</p>`;
  },
  model: (block, env) => {
    const url = block.targetSlug ? env.visibleArticlePath(block.targetSlug) : undefined;
    return {
      type: 'promo',
      text: block.text,
      ariaLabel: block.label ?? env.text.t('block.readMore'),
      ...(block.label && { label: block.label }),
      ...(url && { url }),
    };
  },
};
