/** The image block: a picture with caption and credit; without `src`, a text-only figure that keeps them visible. */
import { blockImagePaths, blockModel, blockPictures, canonicalBlock, type BlockRecord } from '../../src/blocks/registry';
import { feedOf, HOSTILE, htmlOf, problemsOf, renderPartial, resolved, show, textsOf } from './block-kit';

const TEXT_ONLY = { type: 'image', caption: 'The first tram on Harbour Street, 1911', credit: 'Photo: Lindhaven City Archive' };

describe('an image block with a src keeps every message it had', () => {
  test.each<[string, object, string[]]>([
    ['no alt', { type: 'image', src: 'images/a.jpg' }, ['body[3].alt: is required: describe the image for people who cannot see it']],
    ['blank alt', { type: 'image', src: 'images/a.jpg', alt: '  ' }, ['body[3].alt: must describe the image (alt text is required)']],
    ['a path outside images/', { type: 'image', src: 'site.json', alt: 'x' }, ['body[3].src: must be a path under images/ ending in .jpg, .png, .webp, .avif or .gif']],
    ['no alt and an empty caption', { type: 'image', src: 'images/a.jpg', caption: '' }, ['body[3].caption: must not be empty', 'body[3].alt: is required: describe the image for people who cannot see it']],
  ])('%s', (_name, record, expected) => {
    expect(problemsOf(record)).toEqual(expected);
  });
});

describe('without a src', () => {
  test('a caption or a credit is enough; alt is not required', () => {
    expect(problemsOf(TEXT_ONLY)).toEqual([]);
    expect(problemsOf({ type: 'image', credit: 'Photo: City Archive' })).toEqual([]);
    expect(problemsOf({ type: 'image', caption: 'The quay' })).toEqual([]);
  });

  test('neither caption nor credit is refused at src', () => {
    expect(problemsOf({ type: 'image' })).toEqual(['body[3].src: is required: an image block without src (a text-only figure) needs a caption or a credit']);
    expect(problemsOf({ type: 'image', alt: 'A tram' })).toEqual(['body[3].src: is required: an image block without src (a text-only figure) needs a caption or a credit']);
  });

  test('the page: a figure with its caption and credit, and no picture', () => {
    expect(htmlOf(TEXT_ONLY)).toBe(
      '<figure class="figure figure--text-only"><figcaption class="figure__caption">The first tram on Harbour Street, 1911 <span class="figure__credit">Photo: Lindhaven City Archive</span></figcaption></figure>\n',
    );
    expect(htmlOf({ type: 'image', credit: 'Photo: City Archive' })).toContain('<figcaption class="figure__caption"> <span class="figure__credit">Photo: City Archive</span></figcaption>');
  });

  test('the feed: a figure with one caption line; search text: the caption; no image to probe or serve', () => {
    expect(feedOf(TEXT_ONLY)).toBe('<figure><figcaption>The first tram on Harbour Street, 1911 — Photo: Lindhaven City Archive</figcaption></figure>');
    const block = resolved(TEXT_ONLY)!;
    expect(textsOf(TEXT_ONLY)).toEqual(['The first tram on Harbour Street, 1911']);
    expect(blockImagePaths(TEXT_ONLY as BlockRecord)).toEqual([]);
    expect(blockPictures(block)).toEqual([]);
  });

  test('its canonical record drops an alt that describes no picture', () => {
    expect(canonicalBlock({ ...TEXT_ONLY, alt: 'A tram' } as BlockRecord)).toEqual(TEXT_ONLY);
  });

  test('hostile caption and credit are printed as text, on the page and in the feed', () => {
    const record = { type: 'image', caption: HOSTILE, credit: HOSTILE };
    for (const html of [htmlOf(record), feedOf(record)]) {
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('&lt;script&gt;');
    }
  });
});

test('an image with a src prints the figure partial exactly as before', () => {
  const record = { type: 'image', src: 'images/a.jpg', alt: 'A crane', caption: 'The crane' };
  const model = blockModel(resolved(record)!, show) as { figure: unknown };
  expect(htmlOf(record)).toBe(`${renderPartial('figure.ejs', { figure: model.figure })}\n`);
});
