/**
 * blockWithImagePaths: the importer rewrites image paths through a map; where
 * the map has no path for an image, what is left of the block is kept.
 */
import { blockSchema, blockWithImagePaths } from '../../src/blocks/registry';

/** Moves images/in/… to images/2026/…; images/in/gone… have no new path. */
const map = (src: string) => (src.startsWith('images/in/gone') ? undefined : src.replace('images/in/', 'images/2026/'));
const rewrite = (record: object) => blockWithImagePaths(blockSchema.parse(record), map);

const IMAGE = { type: 'image', src: 'images/in/a.jpg', alt: 'A', caption: 'Cap', credit: 'Cred' };

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

test('blocks that name no image come back as they are', () => {
  const records = [{ type: 'paragraph', text: 'x' }, { type: 'list', items: ['a'] }];
  for (const record of records) {
    const parsed = blockSchema.parse(record);
    expect(blockWithImagePaths(parsed, map)).toBe(parsed);
  }
});

test('every result is a valid record', () => {
  for (const result of [rewrite(IMAGE), rewrite({ ...IMAGE, src: 'images/in/gone.jpg' })]) expect(blockSchema.safeParse(result).success).toBe(true);
});
