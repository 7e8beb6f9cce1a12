/**
 * What becomes of each WordPress post type and post status (docs/import.md,
 * "WordPress (WXR)"): posts are articles, pages static pages; everything
 * else is skipped with the reason. Status: publish → published, future →
 * published at its future date (an embargo), draft and pending → draft;
 * private, password-protected, trashed, auto-drafts and "inherit" (the
 * status of revisions and attachments) are skipped.
 */

/** Post types WordPress itself writes that are not stories, each with why it is skipped. */
const SKIPPED_TYPES: Record<string, string> = {
  attachment: 'an attachment: its file is imported with the post that shows it',
  nav_menu_item: 'a menu item: pages in a menu are marked for the navigation',
  revision: 'a revision of another post',
  wp_block: 'a reusable block (synced pattern)',
  wp_template: "a block theme's template",
  wp_template_part: "a block theme's template part",
  wp_global_styles: "a block theme's global styles",
  wp_navigation: 'a navigation menu of a block theme',
  wp_font_family: 'a font family of the theme',
  wp_font_face: 'a font face of the theme',
  custom_css: "the theme's custom CSS",
  customize_changeset: 'a Customizer changeset',
  oembed_cache: 'an oEmbed cache entry',
  user_request: 'a personal-data request',
};

export type Kind = { kind: 'article' | 'page' } | { kind: 'skip'; reason: string };

export function kindOf(postType: string): Kind {
  if (postType === 'post' || postType === '') return { kind: 'article' };
  if (postType === 'page') return { kind: 'page' };
  return { kind: 'skip', reason: SKIPPED_TYPES[postType] ?? `post type '${postType.slice(0, 60)}' is not imported` };
}

export type StatusOutcome = { status: 'published' | 'draft'; note?: string } | { skip: string };

const SKIPPED_STATUSES: Record<string, string> = {
  private: 'private: visible only to logged-in editors in WordPress',
  trash: 'in the trash',
  'auto-draft': 'an auto-draft WordPress saved by itself',
  inherit: "status 'inherit' (a revision's or attachment's)",
};

/** The status of an item with its `password` (non-empty: skipped). A future date is what makes "future" an embargo; the caller keeps the date. */
export function statusOf(status: string, password: string): StatusOutcome {
  if (password) return { skip: 'password-protected' };
  const skipped = SKIPPED_STATUSES[status];
  if (skipped) return { skip: skipped };
  if (status === 'publish') return { status: 'published' };
  if (status === 'future') return { status: 'published', note: 'scheduled in WordPress: published at its future date, an embargo until then' };
  if (status === 'draft') return { status: 'draft' };
  if (status === 'pending') return { status: 'draft', note: 'pending review in WordPress: imported as a draft' };
  return { status: 'draft', note: `status '${status.slice(0, 40) || '(none)'}' is not WordPress's own: imported as a draft` };
}
