/**
 * The first article of "247 News Reel": every part of the seed story
 * (../shared/seed/article-247newsreel.txt) is visible on the site.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { appFor, DEMO_DATA_DIR, visibleText } from '../helpers/fixture';

const SEED_FILE = path.resolve(__dirname, '../../../shared/seed/article-247newsreel.txt');
const SEED_URL = '/articles/unfit-conscripts-sent-home';

/** What a reader should find for each line of the seed, after the seed's own markup is read. */
function expectedFragments(line: string): string[] {
  if (line.startsWith('h2. ')) return [line.slice(4)];
  if (line.startsWith('- ')) return [line.slice(2).replace(/^(VIDEO|Exclusive:)\s*/, '')];
  if (line.startsWith('Source: ')) return [`Adapted from ${line.slice('Source: '.length)}`];
  const photo = line.indexOf(' Photo: ');
  if (photo > 0) return [line.slice(0, photo), `Photo: ${line.slice(photo + ' Photo: '.length)}`];
  // The opening line is the standfirst followed by its attribution ("Al Jazeera."), which is the first cited source.
  if (line.endsWith(' Al Jazeera.')) return [line.slice(0, -' Al Jazeera.'.length), 'Al Jazeera'];
  return [line];
}

/**
 * The seed is part of the project's CI setup (../shared sits beside the checkout), so a missing
 * seed is a broken setup, not a reason to pass: these tests fail unless skipping is asked for.
 */
const ALLOW_NO_SEED = 'NEWSREEL_ALLOW_NO_SEED';
const seedPresent = existsSync(SEED_FILE);

if (!seedPresent) {
  if (process.env[ALLOW_NO_SEED] === '1') {
    console.warn(`The seed story ${SEED_FILE} is missing; its tests are skipped because ${ALLOW_NO_SEED}=1.`);
  } else {
    test('the seed story file is present', () => {
      throw new Error(
        `The seed story ${SEED_FILE} is missing. It is part of the CI setup: ../shared must sit beside the checkout ` +
          `(shared/seed/article-247newsreel.txt). Set ${ALLOW_NO_SEED}=1 to skip the seed story tests on purpose.`,
      );
    });
  }
}

(seedPresent ? describe : describe.skip)('the seed story', () => {
  let html: string;
  let text: string;

  beforeAll(async () => {
    const { app, content } = await appFor(DEMO_DATA_DIR, { now: new Date() });
    expect(content.problems).toEqual([]);
    html = (await request(app).get(SEED_URL).expect(200)).text;
    text = visibleText(html);
  });

  const lines = seedPresent
    ? readFileSync(SEED_FILE, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];

  test.each(lines.map((line, i) => [i + 1, line]))('line %i is visible on the article page: %s', (_n, line) => {
    for (const fragment of expectedFragments(line as string)) expect(text).toContain(fragment.replace(/\s+/g, ' '));
  });

  test('has its structure: four sub-headings, two captioned photos with credits, two promos, sources and origin', () => {
    expect(html.match(/<h2 id="[^"]+" class="article__subheading">/g)).toHaveLength(4);
    expect(html.match(/<span class="figure__credit">/g)).toHaveLength(2);
    expect(html.match(/<aside class="promo"/g)).toHaveLength(2);
    expect(html).toContain('<span class="promo__label">VIDEO</span>');
    expect(html).toContain('<span class="promo__label">Exclusive</span>');
    expect(html).toContain('Adapted from <a href="/sources/hotnews">Hot News RU</a>');
    for (const source of ['al-jazeera', 'meduza', 'tass', 'afp', 'cnn', 'kazinform', 'frontex', 'ovd-info', 'institute-for-the-study-of-war', 'wartranslated', 'georgia-ministry-of-internal-affairs']) {
      expect(html).toContain(`href="/sources/${source}"`);
    }
    expect(html).toContain('href="/authors/james-springer"');
    expect(text).toContain('By James Springer');
  });
});
