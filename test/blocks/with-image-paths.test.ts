/**
 * blockWithImagePaths: the importer rewrites image paths through a map; where
 * the map has no path for an image, what is left of the block is kept.
 */
import { BLOCKS, blockSchema, blockWithImagePaths } from '../../src/blocks/registry';

/** Moves images/in/… to images/2026/…; images/in/gone… have no new path. */
const map = (src: string) => (src.startsWith('images/in/gone') ? undefined : src.replace('images/in/', 'images/2026/'));
const rewrite = (record: object) => blockWithImagePaths(blockSchema.parse(record), map);

const IMAGE = { type: 'image', src: 'images/in/a.jpg', alt: 'A', caption: 'Cap', credit: 'Cred' };
const picture = (name: string, extra: object = {}) => ({ src: `images/in/${name}.jpg`, alt: name, ...extra });

describe('image', () => {
  test('gets the new path', () => {
    expect(rewrite(IMAGE)).toEqual({ ...IMAGE, src: 'images/2026/a.jpg' });
  });

  test('without a new path becomes a text-only figure when it has a caption or credit', () => {
    expect(rewrite({ ...IMAGE, src: 'images/in/gone.jpg' })).toEqual({ type: 'image', caption: 'Cap', credit: 'Cred' });
    expect(rewrite({ type: 'image', src: 'images/in/gone.jpg', alt: 'A', credit: 'Cred' })).toEqual({ type: 'image', credit: 'Cred' });
  });

  test('without a new path, caption or credit is dropped', () => {
    expect(rewrite({ type: 'image', src: 'images/in/gone.jpg', alt: 'A' })).toBeUndefined();
  });

  test('a text-only figure has nothing to rewrite', () => {
    expect(rewrite({ type: 'image', caption: 'Cap' })).toEqual({ type: 'image', caption: 'Cap' });
  });
});

describe('gallery', () => {
  const gallery = (...images: object[]) => ({ type: 'gallery', images, caption: 'The set' });

  test('gets every new path', () => {
    expect(rewrite(gallery(picture('a'), picture('b', { caption: 'B' })))).toEqual(gallery({ src: 'images/2026/a.jpg', alt: 'a' }, { src: 'images/2026/b.jpg', alt: 'b', caption: 'B' }));
  });

  test('drops the pictures that have none', () => {
    expect(rewrite(gallery(picture('a'), picture('gone-1'), picture('b')))).toEqual(gallery({ src: 'images/2026/a.jpg', alt: 'a' }, { src: 'images/2026/b.jpg', alt: 'b' }));
  });

  test('with one picture left becomes an image block, captioned by the set when the picture has no caption', () => {
    expect(rewrite(gallery(picture('gone-1'), picture('b', { credit: 'Cred' })))).toEqual({ type: 'image', src: 'images/2026/b.jpg', alt: 'b', caption: 'The set', credit: 'Cred' });
    expect(rewrite(gallery(picture('a', { caption: 'Own' }), picture('gone-2')))).toEqual({ type: 'image', src: 'images/2026/a.jpg', alt: 'a', caption: 'Own' });
  });

  test('with none left is dropped', () => {
    expect(rewrite(gallery(picture('gone-1'), picture('gone-2')))).toBeUndefined();
  });
});

describe('embed', () => {
  const embed = { type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/1', title: 'T', thumbnail: picture('thumb') };

  test('gets the thumbnail’s new path', () => {
    expect(rewrite(embed)).toEqual({ ...embed, thumbnail: { src: 'images/2026/thumb.jpg', alt: 'thumb' } });
  });

  test('loses a thumbnail that has none, and keeps the rest', () => {
    expect(rewrite({ ...embed, thumbnail: picture('gone') })).toEqual({ type: 'embed', provider: 'vimeo', url: 'https://vimeo.com/1', title: 'T' });
  });

  test('without a thumbnail is unchanged', () => {
    expect(rewrite({ type: 'embed', provider: 'other', url: 'https://example.org/' })).toEqual({ type: 'embed', provider: 'other', url: 'https://example.org/' });
  });
});

test('blocks that name no image come back as they are', () => {
  const records = [{ type: 'paragraph', text: 'x' }, { type: 'divider' }, { type: 'table', rows: [['a']] }, { type: 'code', text: ' x' }];
  for (const record of records) {
    const parsed = blockSchema.parse(record);
    expect(blockWithImagePaths(parsed, map)).toBe(parsed);
  }
});

test('every result is a valid record, and every type that names images can rewrite them', () => {
  const results = [rewrite(IMAGE), rewrite({ ...IMAGE, src: 'images/in/gone.jpg' }), rewrite({ type: 'gallery', images: [picture('a'), picture('gone')] })];
  for (const result of results) expect(blockSchema.safeParse(result).success).toBe(true);
  const naming = BLOCKS.filter((definition) => 'imagePaths' in definition).map((definition) => [definition.type, 'withImagePaths' in definition]);
  expect(naming).toEqual(naming.map(([type]) => [type, true]));
  expect(naming.map(([type]) => type).sort()).toEqual(['embed', 'gallery', 'image']);
});
