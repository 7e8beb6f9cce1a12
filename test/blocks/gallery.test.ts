/** The gallery block: two or more probed pictures as a grid of figures with responsive, lazily loaded images. */
import { blockImagePaths, blockPictures, type BlockRecord } from '../../src/blocks/registry';
import { feedOf, HOSTILE, htmlOf, MISSING_IMAGE, problems, problemsOf, resolved, textsOf } from './block-kit';

const GALLERY = {
  type: 'gallery',
  caption: 'The restored cranes',
  images: [
    { src: 'images/demo/crane-a.jpg', alt: 'A crane against the sky', caption: 'The north crane', credit: 'Illustration: 247 News Reel' },
    { src: 'images/demo/crane-b.jpg', alt: 'Rivets on a crane arm' },
  ],
};

test.each<[string, object, string[]]>([
  ['one image', { type: 'gallery', images: [GALLERY.images[0]] }, ['body[3].images: must have at least two images (one image is an image block)']],
  ['no images', { type: 'gallery' }, ['body[3].images: is required but missing']],
  ['an image without alt', { ...GALLERY, images: [GALLERY.images[0], { src: 'images/a.jpg' }] }, ['body[3].images[1].alt: is required: describe the image for people who cannot see it']],
  ['an image from another site', { ...GALLERY, images: [GALLERY.images[0], { src: 'http://example.org/a.jpg', alt: 'x' }] }, ['body[3].images[1].src: must be a path under images/ ending in .jpg, .png, .webp, .avif or .gif']],
  ['a stray field in an image', { ...GALLERY, images: [GALLERY.images[0], { src: 'images/a.jpg', alt: 'x', href: 'y' }] }, ['body[3].images[1].href: is not a known field (check its spelling)']],
])('%s is refused, naming the field', (_name, record, expected) => {
  expect(problemsOf(record).slice(0, expected.length)).toEqual(expected);
});

test('a picture that cannot be had is a problem at its src, and the block is dropped', () => {
  problems.length = 0;
  expect(resolved({ ...GALLERY, images: [GALLERY.images[0], { src: MISSING_IMAGE, alt: 'x' }] }, 'body[5]')).toBeUndefined();
  expect(problems).toEqual([{ field: 'body[5].images[1].src', message: `image "${MISSING_IMAGE}" does not exist` }]);
});

test('the page: a figure of figures in a list, each picture responsive, sized for the grid, lazy, with its caption and credit', () => {
  const html = htmlOf(GALLERY);
  expect(html).toMatch(/^<figure class="gallery">\s*<ul class="gallery__grid"><li class="gallery__item"><figure class="figure">/);
  expect(html.match(/<picture>/g)).toHaveLength(2);
  expect(html.match(/ sizes="\(min-width: 44rem\) 19\.5rem, \(min-width: 30rem\) calc\(50vw - 1\.5rem\), calc\(100vw - 2rem\)"/g)).toHaveLength(6);
  expect(html.match(/ loading="lazy"/g)).toHaveLength(2);
  expect(html).toContain('<figcaption class="figure__caption">The north crane <span class="figure__credit">Illustration: 247 News Reel</span></figcaption>');
  expect(html).toContain('<figcaption class="gallery__caption">The restored cranes</figcaption>');
});

test('the feed: the figures inside one figure with the set’s caption, absolute image URLs', () => {
  expect(feedOf(GALLERY)).toBe(
    '<figure><figure><img src="https://news.example.test/images/demo/crane-a.jpg" alt="A crane against the sky" width="640" height="360"><figcaption>The north crane — Illustration: 247 News Reel</figcaption></figure>' +
      '<figure><img src="https://news.example.test/images/demo/crane-b.jpg" alt="Rivets on a crane arm" width="640" height="360"></figure><figcaption>The restored cranes</figcaption></figure>',
  );
});

test('search text: the set’s caption and each picture’s; image paths and pictures are all of them', () => {
  const block = resolved(GALLERY)!;
  expect(textsOf(GALLERY)).toEqual(['The restored cranes', 'The north crane']);
  expect(blockImagePaths(GALLERY as BlockRecord)).toEqual(['images/demo/crane-a.jpg', 'images/demo/crane-b.jpg']);
  expect(blockPictures(block)).toHaveLength(2);
});

test('hostile text in captions, credits and alt text is printed as text, on the page and in the feed', () => {
  const record = { type: 'gallery', caption: HOSTILE, images: [{ src: 'images/a.jpg', alt: HOSTILE, caption: HOSTILE, credit: HOSTILE }, { src: 'images/b.jpg', alt: HOSTILE }] };
  for (const html of [htmlOf(record), feedOf(record)]) {
    expect(html).not.toMatch(/<script|<img src=x/i);
    expect(html).toContain('&lt;script&gt;');
  }
});
