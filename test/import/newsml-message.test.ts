/**
 * The NewsML-G2 reader on a newsMessage (several items in one file), on items
 * that are skipped (not text, withheld, canceled) and on embargoes.
 */
import type { ImportItem } from '../../src/import/draft';
import { expectNoMarkup, onlyArticle, readFixture, readText, textItem } from './newsml-helpers';

function summary(items: ImportItem[]): string[] {
  return items.map((item) => `${item.kind} ${item.kind === 'article' || item.kind === 'page' ? item.draft.sourceId : `${item.sourceId}: ${item.reason}`}`);
}

describe('a newsMessage with several items', () => {
  const items = readFixture('message.xml');

  test('one result per item, in order: text items read, the rest skipped with the reason', () => {
    expect(summary(items)).toEqual([
      'skip urn:newsml:northwind.example:pkg-0520: a package item, not text',
      'skip urn:newsml:northwind.example:pic-market: a picture item, not text',
      'skip urn:newsml:northwind.example:txt-tide: version 1, replaced by version 2 in the same file',
      'article urn:newsml:northwind.example:txt-market',
      'article urn:newsml:northwind.example:txt-tide',
      'skip urn:newsml:northwind.example:vid-market: a video item, not text',
      'skip urn:newsml:northwind.example:concept-quay: a concept item, not text',
    ]);
  });

  test('a picture item the text item links to is its main image: the largest web rendition, caption, credit, alt', () => {
    const market = items[3];
    if (market?.kind !== 'article') throw new Error('not an article');
    expect(market.draft.image).toEqual({
      src: 'https://media.northwind.example/market-web.jpg',
      alt: 'Traders set up their stalls on the quay before sunrise.',
      caption: 'Traders set up their stalls on the quay before sunrise. The market runs until noon.',
      credit: 'Photo: Ada Lane / Northwind',
    });
    expect(market.draft.headline).toBe('The quay market turns fifty');
    expect(market.draft.standfirst).toBe('Half a century of fish, flowers and gossip.');
    expect(market.draft.language).toBe('en');
    expect(market.draft.publishedAt).toBe('2026-05-19T18:00:00Z');
    expect(market.draft.updatedAt).toBe('2026-05-20T05:30:00Z');
  });

  test('the latest version of an item is the one read', () => {
    const tide = items[4];
    if (tide?.kind !== 'article') throw new Error('not an article');
    expect(tide.draft.headline).toBe('Spring tide expected tonight');
    expect(tide.draft.authors).toEqual([{ name: 'Ada Lane' }]);
    expect(tide.draft.body).toEqual([{ type: 'paragraph', text: 'The highest tide of the year is due at 23:10.' }]);
  });

  test('no markup anywhere', () => expectNoMarkup(items));
});

describe('a picture item on its own', () => {
  test('is skipped: a picture item, not text', () => {
    const picture = textItem({ guid: 'urn:test:pic' }).replace('ninat:text', 'ninat:picture');
    expect(readText(picture)).toEqual([{ kind: 'skip', sourceId: 'urn:test:pic', reason: 'a picture item, not text' }]);
  });

  test.each([
    ['ninat:video', 'a video item, not text'],
    ['ninat:audio', 'an audio item, not text'],
    ['ninat:graphic', 'a graphic item, not text'],
    ['nature:interactive', 'an interactive item, not text'],
  ])('%s is skipped too', (qcode, reason) => {
    const item = textItem().replace('ninat:text', qcode);
    expect(readText(item)).toEqual([{ kind: 'skip', sourceId: 'urn:test:item', reason }]);
  });

  test('the class may be given by URI', () => {
    const item = textItem().replace('<itemClass qcode="ninat:text"/>', '<itemClass uri="http://cv.iptc.org/newscodes/ninature/picture"/>');
    expect(readText(item)).toEqual([{ kind: 'skip', sourceId: 'urn:test:item', reason: 'a picture item, not text' }]);
  });

  test('a composite without text is skipped; one with text is read', () => {
    const bare = textItem({ contentSet: '<remoteContent href="https://x.example/a.mp4" contenttype="video/mp4"/>' }).replace('ninat:text', 'ninat:composite');
    expect(readText(bare)).toEqual([{ kind: 'skip', sourceId: 'urn:test:item', reason: 'a composite item, not text' }]);
    const withText = textItem().replace('ninat:text', 'ninat:composite');
    expect(onlyArticle(readText(withText)).notes).toContain('a composite item: only its text is imported');
  });

  test.each([
    ['packageItem', 'package'],
    ['planningItem', 'planning'],
    ['knowledgeItem', 'knowledge'],
    ['conceptItem', 'concept'],
  ])('a %s is skipped', (root, word) => {
    const xml = `<${root} xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:${word}" version="1"><itemMeta/></${root}>`;
    expect(readText(xml)).toEqual([{ kind: 'skip', sourceId: `urn:test:${word}`, reason: `a ${word} item, not text` }]);
  });

  test('a linked picture outside the file, known by its content type, is the main image', () => {
    const item = textItem({
      itemMeta: '<link rel="irel:seeAlso" href="https://media.example/p/42.jpg" contenttype="image/jpeg"><title>A crane on the quay</title></link>',
    });
    expect(onlyArticle(readText(item)).draft.image).toEqual({ src: 'https://media.example/p/42.jpg', alt: 'A crane on the quay' });
  });

  test('a link that is not a picture is no image', () => {
    const item = textItem({ itemMeta: '<link rel="irel:seeAlso" href="https://example.org/page.html"/>' });
    expect(onlyArticle(readText(item)).draft.image).toBeUndefined();
  });
});

describe('publishing status', () => {
  test.each([
    ['stat:withheld', 'pubStatus withheld'],
    ['stat:canceled', 'pubStatus canceled'],
    ['pubstatus:canceled', 'pubStatus canceled'],
  ])('%s is skipped with that reason', (qcode, reason) => {
    const item = textItem({ itemMeta: `<pubStatus qcode="${qcode}"/>` });
    expect(readText(item)).toEqual([{ kind: 'skip', sourceId: 'urn:test:item', reason, withdrawn: true }]);
  });

  test('stat:usable is published', () => {
    expect(onlyArticle(readText(textItem({ itemMeta: '<pubStatus qcode="stat:usable"/>' }))).draft.status).toBe('published');
  });

  test('a pubStatus we do not know is a draft, said so', () => {
    const { draft, notes } = onlyArticle(readText(textItem({ itemMeta: '<pubStatus qcode="stat:pending"/>' })));
    expect(draft.status).toBe('draft');
    expect(notes.join()).toMatch(/pubStatus "stat:pending" is not one we know/);
  });
});

describe('embargoes', () => {
  test('an embargo later than first created is the publication time (a future one hides the article until then)', () => {
    const item = textItem({ itemMeta: '<firstCreated>2026-05-01T09:00:00Z</firstCreated><embargoed>2099-01-01T06:00:00+02:00</embargoed><pubStatus qcode="stat:usable"/>' });
    const { draft, notes } = onlyArticle(readText(item));
    expect(draft.publishedAt).toBe('2099-01-01T06:00:00+02:00');
    expect(draft.status).toBe('published');
    // versionCreated (2026-05-01T10:00Z) is before the embargo: no updatedAt before publishedAt.
    expect(draft.updatedAt).toBeUndefined();
    expect(notes).toContain('embargoed until 2099-01-01T06:00:00+02:00: that is the publication time');
  });

  test('an embargo already over before first creation changes nothing', () => {
    const item = textItem({ itemMeta: '<firstCreated>2026-05-01T09:00:00Z</firstCreated><embargoed>2026-04-01T00:00:00Z</embargoed>' });
    expect(onlyArticle(readText(item)).draft.publishedAt).toBe('2026-05-01T09:00:00Z');
  });

  test('an empty embargoed (until further notice) makes a draft', () => {
    const { draft, notes } = onlyArticle(readText(textItem({ itemMeta: '<embargoed/>' })));
    expect(draft.status).toBe('draft');
    expect(notes).toContain('embargoed with no date (until further notice): imported as a draft');
  });

  test('a date that is not a date-time is left out and said so', () => {
    const { draft, notes } = onlyArticle(readText(textItem({ itemMeta: '<firstCreated>2026-02-30T10:00:00Z</firstCreated>' })));
    expect(draft.publishedAt).toBe('2026-05-01T10:00:00Z');
    expect(notes).toContain('firstCreated "2026-02-30T10:00:00Z" is not a date-time: left out');
  });
});

describe('missing parts', () => {
  test('no guid fails', () => {
    const item = textItem().replace('guid="urn:test:item" ', '');
    expect(readText(item)).toEqual([{ kind: 'fail', sourceId: '(no guid)', reason: 'the newsItem has no guid, which NewsML-G2 requires' }]);
  });

  test('no body fails with the reason', () => {
    const [item] = readText(textItem({ contentSet: '<inlineXML contenttype="application/nitf+xml"></inlineXML>' }));
    expect(item).toMatchObject({ kind: 'fail', sourceId: 'urn:test:item' });
    expect(item?.kind === 'fail' && item.reason).toMatch(/^no text body/);
  });

  test('a remote rendition is not fetched, and said so', () => {
    const [item] = readText(textItem({ contentSet: '<remoteContent href="https://x.example/story.pdf" contenttype="application/pdf"/>' }));
    expect(item?.kind === 'fail' && item.reason).toMatch(/a remote rendition \(https:\/\/x\.example\/story\.pdf\) is not fetched/);
  });

  test('no contentMeta: no headline, noted', () => {
    const item = textItem().replace(/<contentMeta>[\s\S]*?<\/contentMeta>/, '');
    const { draft, notes } = onlyArticle(readText(item));
    expect(draft.headline).toBeUndefined();
    expect(notes).toContain('the item has no headline');
    expect(notes).toContain('the item has no description to be the standfirst');
  });

  test('no itemClass: read as text, noted', () => {
    const item = textItem().replace('<itemClass qcode="ninat:text"/>', '');
    expect(onlyArticle(readText(item)).notes).toContain('the item names no itemClass: read as text');
  });
});
