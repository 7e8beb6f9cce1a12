/**
 * An article in another language than the site's: lang and dir on the
 * article (right to left for Arabic); its own labels (byline, dates, sources,
 * corrections) in its language when a locale ships for it (ar does), else the
 * site's words with the site's lang and dir; the site's content inside it (the
 * section's name, tags, author cards) keeps the site's language; its cards and
 * search results elsewhere carry lang/dir.
 */
import request from 'supertest';
import { directionOf } from '../../src/pages/direction';
import { appFor, baseRecords, removeDataDirs, writeDataDir } from '../helpers/fixture';

afterAll(removeDataDirs);

test('direction from a language tag', () => {
  expect(['ar', 'ar-EG', 'he', 'fa-IR', 'ur', 'az-Arab', 'yi'].map(directionOf)).toEqual(Array(7).fill('rtl'));
  expect(['en', 'en-GB', 'de', 'ku-Latn', 'tr', 'zh-Hant'].map(directionOf)).toEqual(Array(6).fill('ltr'));
});

test('an Arabic article reads right to left; its cards and search results say so too', async () => {
  const records = baseRecords();
  records.articles.push({
    ...records.articles[0],
    slug: 'arabic-story',
    headline: 'مكتبة الميناء تفتح أبوابها',
    standfirst: 'قراءة مسائية للأطفال.',
    language: 'ar',
    publishedAt: '2026-05-04T09:00:00Z',
    body: [{ type: 'paragraph', text: 'نص المقال عن الميناء.' }],
  });
  const { app } = await appFor(await writeDataDir(records));

  const article = (await request(app).get('/articles/arabic-story').expect(200)).text;
  expect(article).toContain('<html lang="en" dir="ltr">'); // the page around the article is the site's
  expect(article).toContain('<article class="article" lang="ar" dir="rtl">');
  // Its labels are Arabic (locales/ar.json), so their regions need no lang of their own; the dates are Arabic too.
  expect(article).toContain('<div class="article__meta">');
  expect(article).toContain('<footer class="article__footer">');
  expect(article).toContain('<p class="article__byline">بقلم <a href="/authors/ada-lane" rel="author">Ada Lane</a>');
  const arDate = new Intl.DateTimeFormat('ar', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2026-05-04T09:00:00Z'));
  expect(article).toContain(`نُشر في <time datetime="2026-05-04T09:00:00.000Z">${arDate}</time>`);
  expect(article).toMatch(/<p class="article__section" lang="en" dir="ltr"><a href="\/sections\/world">World<\/a><\/p>/);
  // Outside the article, the site's words: "Related stories" and the frame.
  expect(article).toContain('Skip to main content');

  const home = (await request(app).get('/').expect(200)).text;
  expect(home).toMatch(/<article class="card[^"]*" lang="ar" dir="rtl">\s*(?:<picture>[\s\S]*?<\/picture>\s*)?<div class="card__body">[\s\S]*?href="\/articles\/arabic-story"/);
  // English articles carry no lang/dir of their own.
  expect(home).not.toMatch(/<article class="card[^"]*" lang="en"/);
  expect(home).toMatch(/<article class="card[^"]*">/);

  const search = (await request(app).get('/search?q=' + encodeURIComponent('الميناء')).expect(200)).text;
  expect(search).toContain('<li class="search-result" lang="ar" dir="rtl">');
});

test('an article in a language no locale ships for keeps the site’s labels, marked with the site’s lang and dir', async () => {
  const records = baseRecords();
  records.articles.push({ ...records.articles[0], slug: 'french-story', headline: 'Le port rouvre', standfirst: 'Après la tempête.', language: 'fr', publishedAt: '2026-05-04T09:00:00Z' });
  const { app } = await appFor(await writeDataDir(records));
  const article = (await request(app).get('/articles/french-story').expect(200)).text;
  expect(article).toContain('<article class="article" lang="fr" dir="ltr">');
  expect(article).toContain('<div class="article__meta" lang="en" dir="ltr">');
  expect(article).toContain('<footer class="article__footer" lang="en" dir="ltr">');
  expect(article).toContain('Published <time datetime="2026-05-04T09:00:00.000Z">4 May 2026</time>');
});
