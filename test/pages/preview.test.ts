/**
 * The preview page model: any article in the content, drafts and embargoes
 * included, as its article model plus a banner (draft, scheduled, or live
 * with its public link), under a head with no canonical, no card and no
 * structured data. The catalog is left as it was: nothing becomes visible.
 */
import { articleModel } from '../../src/pages/article';
import { previewPage } from '../../src/pages/preview';
import { EMBARGO_LIFTS, pageModel, pageRecords, sharedContext } from '../helpers/page-fixture';

const ctx = sharedContext(pageRecords());

test('a draft: its article model, a "not published" banner saying it is a draft, a head fit for no public address', () => {
  const model = pageModel(previewPage(ctx(), 'draft-story'));
  const article = ctx().catalog.content.articles.get('draft-story')!;
  const { layout: _previewLayout, preview: _notice, ...rest } = model;
  const { layout, ...expected } = articleModel(ctx(), article);
  expect(rest).toEqual(expected);
  expect(model.preview).toEqual({ label: 'Preview: not published', text: 'This is a draft: it is not scheduled, and readers cannot find it.' });
  expect(model.layout).toEqual({ ...layout, canonicalUrl: '', robots: 'noindex, nofollow', meta: [], jsonLd: [] });
  expect(layout.meta.length).toBeGreaterThan(0); // the public page would have had them
});

test('an embargoed story: the banner gives the moment it is scheduled for', () => {
  const model = pageModel(previewPage(ctx(), 'embargoed-story'));
  expect(model.preview).toMatchObject({ label: 'Preview: not published', text: 'Scheduled for', scheduled: { iso: EMBARGO_LIFTS.toISOString() } });
  expect(model.preview?.scheduled?.label).toMatch(/2 June 2026.*09:00/);
});

test('a live story: "published", with a link to its public page', () => {
  const model = pageModel(previewPage(ctx(), 'first-story'));
  expect(model.preview).toEqual({ label: 'Preview: published', text: 'This story is live:', link: { text: 'read the published version', url: '/articles/first-story' } });
});

test('an unknown slug is not found, and previewing changes no index', () => {
  expect(previewPage(ctx(), 'no-such-story')).toEqual({ kind: 'not-found' });
  previewPage(ctx(), 'draft-story');
  expect(ctx().catalog.articleBySlug.has('draft-story')).toBe(false);
  expect(ctx().catalog.articles.some((a) => a.slug === 'draft-story')).toBe(false);
});
