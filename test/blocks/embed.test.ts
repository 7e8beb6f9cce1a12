/** The embed block: a link card to another site that loads nothing from it; its thumbnail is a local image. */
import { blockImagePaths, blockPictures, type BlockRecord } from '../../src/blocks/registry';
import { feedOf, HOSTILE, htmlOf, MISSING_IMAGE, problems, problemsOf, resolved, textsOf } from './block-kit';

const VIDEO = { type: 'embed', provider: 'youtube', url: 'https://www.youtube.com/watch?v=abc123', title: 'The council’s briefing', thumbnail: { src: 'images/demo/still.jpg', alt: 'The council chamber' } };

describe('validation', () => {
  test.each<[string, object, string[]]>([
    ['a javascript: URL', { ...VIDEO, provider: 'other', url: 'javascript:alert(1)' }, ['body[3].url: must be an absolute http(s) URL']],
    ['a data: URL', { ...VIDEO, provider: 'other', url: 'data:text/html,<script>alert(1)</script>' }, ['body[3].url: must be an absolute http(s) URL']],
    ['a relative URL', { ...VIDEO, provider: 'other', url: '/articles/other' }, ['body[3].url: must be an absolute http(s) URL']],
    ['no URL', { type: 'embed', provider: 'vimeo' }, ['body[3].url: must be an absolute http(s) URL']],
    ['an unknown provider', { ...VIDEO, provider: 'tiktok' }, ['body[3].provider: must be one of "youtube", "vimeo", "x", "instagram", "other"']],
    ['a YouTube card leading elsewhere', { ...VIDEO, url: 'https://youtube.com.evil.example/watch' }, ['body[3].url: must be an address on YouTube (youtube.com, youtu.be, youtube-nocookie.com) for provider "youtube"; use provider "other" for any other site']],
    ['an X card leading elsewhere', { type: 'embed', provider: 'x', url: 'https://example.org/status/1' }, ['body[3].url: must be an address on X (x.com, twitter.com) for provider "x"; use provider "other" for any other site']],
    ['a thumbnail from another site', { ...VIDEO, thumbnail: { src: 'https://i.ytimg.com/vi/abc/0.jpg', alt: 'x' } }, ['body[3].thumbnail.src: must be a path under images/ ending in .jpg, .png, .webp, .avif or .gif']],
    ['a thumbnail without alt', { ...VIDEO, thumbnail: { src: 'images/a.jpg' } }, ['body[3].thumbnail.alt: is required: describe the image for people who cannot see it']],
    ['a thumbnail with a caption', { ...VIDEO, thumbnail: { src: 'images/a.jpg', alt: 'x', caption: 'y' } }, ['body[3].thumbnail.caption: is not a known field (check its spelling)']],
    ['an empty title', { ...VIDEO, title: ' ' }, ['body[3].title: must not be empty']],
  ])('%s is refused, naming the field', (_name, record, expected) => {
    // The first problem is the one that says it (an image path from another site breaks two rules of image paths).
    expect(problemsOf(record).slice(0, expected.length)).toEqual(expected);
  });

  test.each(['https://youtu.be/abc123', 'https://m.youtube.com/watch?v=abc', 'https://www.youtube-nocookie.com/embed/abc'])('%s is a YouTube address', (url) => {
    expect(problemsOf({ ...VIDEO, url })).toEqual([]);
  });

  test('a thumbnail that cannot be had is a problem at its src, and the block is dropped', () => {
    problems.length = 0;
    expect(resolved({ ...VIDEO, thumbnail: { src: MISSING_IMAGE, alt: 'x' } }, 'body[2]')).toBeUndefined();
    expect(problems).toEqual([{ field: 'body[2].thumbnail.src', message: `image "${MISSING_IMAGE}" does not exist` }]);
  });
});

test('the card: provider and title in the words, rel="noopener noreferrer", a local thumbnail, nothing from the third party', () => {
  const html = htmlOf(VIDEO);
  expect(html).toContain('<a class="embed__link" href="https://www.youtube.com/watch?v=abc123" rel="noopener noreferrer">');
  expect(html).toContain('<span class="embed__action">Watch on YouTube<span class="visually-hidden">:</span></span> <span class="embed__title">The council’s briefing</span>');
  expect(html).toMatch(/<img class="embed__image" src="\/img\/[^"]+" srcset="[^"]+" sizes="\(min-width: 600px\) 12rem, calc\(100vw - 4rem\)" width="640" height="360" alt="The council chamber" loading="lazy" decoding="async">/);
  expect(html).not.toMatch(/<iframe|<script|<object|<embed|ytimg|src="https?:/i);
});

test.each<[string, object, string]>([
  ['vimeo', { type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/1234' }, 'Watch on Vimeo'],
  ['x', { type: 'embed', provider: 'x', url: 'https://twitter.com/council/status/1' }, 'View on X'],
  ['instagram', { type: 'embed', provider: 'instagram', url: 'https://www.instagram.com/p/abc/' }, 'View on Instagram'],
  ['other', { type: 'embed', provider: 'other', url: 'https://www.example.org/streams/42' }, 'Open on example.org'],
])('%s: the card says what following it does, and the feed is a paragraph with the link', (_provider, record, action) => {
  expect(htmlOf(record)).toContain(`<span class="embed__text"><span class="embed__action">${action}</span></span>`);
  expect(feedOf(record)).toBe(`<p><a href="${(record as { url: string }).url}" rel="noopener noreferrer">${action}</a></p>`);
});

test('the feed names provider and title; search text is the title; the thumbnail is probed and served', () => {
  expect(feedOf(VIDEO)).toBe('<p><a href="https://www.youtube.com/watch?v=abc123" rel="noopener noreferrer">Watch on YouTube: The council’s briefing</a></p>');
  const block = resolved(VIDEO)!;
  expect(textsOf(VIDEO)).toEqual(['The council’s briefing']);
  expect(blockImagePaths(VIDEO as BlockRecord)).toEqual(['images/demo/still.jpg']);
  expect(blockPictures(block).map((p) => p.asset.path)).toEqual(['images/demo/still.jpg']);
});

test('hostile text in the title, alt and URL is printed as text or escaped, on the page and in the feed', () => {
  const record = { type: 'embed', provider: 'other', url: 'https://example.org/?q="><script>alert(1)</script>', title: HOSTILE, thumbnail: { src: 'images/a.jpg', alt: HOSTILE } };
  for (const html of [htmlOf(record), feedOf(record)]) {
    expect(html).not.toMatch(/<script|<img src=x/i);
    expect(html).toContain('&lt;script&gt;');
  }
  expect(htmlOf(record)).toContain('href="https://example.org/?q=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
});
