/**
 * A Ghost 5 export (as Ghost's Labs → Export writes it) of N posts: each with
 * a lexical document (paragraphs with bold, italic and links, a heading, a
 * list, a quote, an image card) and the html Ghost renders from it, a primary
 * author of 40, two tags of 300 and an internal tag, posts_meta with the
 * feature image's alt text on every fifth; the tables in Ghost's order (posts
 * before the tags and users they refer to). Written in chunks.
 */
import { chunkedFile, words } from './words';

const AUTHORS = 40;
const TAGS = 300;

type LexNode = Record<string, unknown>;
const text = (t: string, format = 0): LexNode => ({ detail: 0, format, mode: 'normal', style: '', text: t, type: 'extended-text', version: 1 });
const block = (type: string, children: LexNode[], extra: LexNode = {}): LexNode => ({ children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra });

export function writeGhostExport(file: string, posts: number): number {
  const w = words(13);
  const target = chunkedFile(file);
  const out = target.out;
  const id = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}${n.toString(16).padStart(16, '0')}`;
  out(`{"db":[{"meta":{"exported_on":1764547200000,"version":"5.101.0"},"data":{"posts":[`);
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < posts; i++) {
    const paragraphs = Array.from({ length: 18 }, () => [w.sentence(45), w.word(), w.sentence(8), w.word()] as const);
    const heading = w.sentence(5);
    const list = Array.from({ length: 4 }, () => w.sentence(6));
    const quote = w.sentence(14);
    const image = `__GHOST_URL__/content/images/2020/01/photo-${i}.jpg`;
    const caption = w.sentence(7);
    const lexical = {
      root: block('root', [
        ...paragraphs.slice(0, 9).map(([a, b, c, d]) => block('paragraph', [text(`${a}, `), text(b, 1), text(` ${c} `), { children: [text(d)], direction: 'ltr', format: '', indent: 0, type: 'link', version: 1, rel: null, target: null, title: null, url: `https://example.org/${d}` }])),
        block('heading', [text(heading)], { tag: 'h2' }),
        block('list', list.map((l, n) => block('listitem', [text(l)], { value: n + 1 })), { listType: 'bullet', start: 1, tag: 'ul' }),
        { type: 'image', version: 1, src: image, width: 1600, height: 1067, title: '', alt: w.sentence(4), caption, cardWidth: 'regular', href: '' },
        ...paragraphs.slice(9).map(([a, b, c]) => block('paragraph', [text(`${a}, `), text(b, 2), text(` ${c}.`)])),
        block('quote', [text(quote)]),
      ]),
    };
    const html = `${paragraphs.slice(0, 9).map(([a, b, c, d]) => `<p>${a}, <strong>${b}</strong> ${c} <a href="https://example.org/${d}">${d}</a></p>`).join('')}<h2 id="${heading.replace(/ /g, '-')}">${heading}</h2><ul>${list.map((l) => `<li>${l}</li>`).join('')}</ul><figure class="kg-card kg-image-card kg-card-hascaption"><img src="${image}" class="kg-image" alt="" loading="lazy" width="1600" height="1067"><figcaption><span style="white-space: pre-wrap;">${caption}</span></figcaption></figure>${paragraphs.slice(9).map(([a, b, c]) => `<p>${a}, <em>${b}</em> ${c}.</p>`).join('')}<blockquote>${quote}</blockquote>`;
    const date = new Date(start + i * 3_600_000).toISOString().replace(/\.\d+Z$/, '.000Z');
    const post = {
      id: id(1, i),
      uuid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      title: `${w.sentence(7)} ${i}`,
      slug: `post-${i}`,
      mobiledoc: null,
      lexical: JSON.stringify(lexical),
      html,
      comment_id: id(1, i),
      plaintext: null,
      feature_image: i % 5 === 0 ? `__GHOST_URL__/content/images/2020/01/feature-${i}.jpg` : null,
      featured: 0,
      type: 'post',
      status: i % 50 === 7 ? 'draft' : 'published',
      locale: null,
      visibility: 'public',
      email_recipient_filter: 'all',
      created_at: date,
      updated_at: date,
      published_at: i % 50 === 7 ? null : date,
      custom_excerpt: i % 3 === 0 ? w.sentence(20) : null,
      codeinjection_head: null,
      codeinjection_foot: null,
      custom_template: null,
      canonical_url: null,
      newsletter_id: null,
      show_title_and_feature_image: 1,
    };
    out(`${i ? ',' : ''}${JSON.stringify(post)}`);
  }
  out('],"posts_authors":[');
  for (let i = 0; i < posts; i++) out(`${i ? ',' : ''}{"id":"${id(2, i)}","post_id":"${id(1, i)}","author_id":"${id(9, i % AUTHORS)}","sort_order":0}`);
  out('],"posts_meta":[');
  let first = true;
  for (let i = 0; i < posts; i += 5) {
    out(`${first ? '' : ','}{"id":"${id(3, i)}","post_id":"${id(1, i)}","feature_image_alt":"${w.sentence(5)}","feature_image_caption":"${w.sentence(8)}","og_image":null,"og_title":null,"og_description":null,"twitter_image":null,"twitter_title":null,"twitter_description":null,"meta_title":null,"meta_description":null,"email_subject":null,"frontmatter":null,"email_only":false}`);
    first = false;
  }
  out('],"posts_tags":[');
  for (let i = 0; i < posts; i++) {
    const tags = [i % TAGS, (i * 7 + 3) % TAGS, TAGS];
    out(`${i ? ',' : ''}${tags.map((t, n) => `{"id":"${id(4, i * 3 + n)}","post_id":"${id(1, i)}","tag_id":"${id(5, t)}","sort_order":${n}}`).join(',')}`);
  }
  out('],"tags":[');
  for (let t = 0; t <= TAGS; t++) {
    const internal = t === TAGS;
    out(`${t ? ',' : ''}{"id":"${id(5, t)}","name":"${internal ? '#newsletter' : `${w.word()} ${t}`}","slug":"${internal ? 'hash-newsletter' : `tag-${t}`}","description":null,"feature_image":null,"parent_id":null,"visibility":"${internal ? 'internal' : 'public'}","created_at":"2020-01-01T00:00:00.000Z","updated_at":"2020-01-01T00:00:00.000Z"}`);
  }
  out('],"users":[');
  for (let a = 0; a < AUTHORS; a++) out(`${a ? ',' : ''}{"id":"${id(9, a)}","name":"Writer Number ${a}","slug":"writer-${a}","email":"writer${a}@example.org","profile_image":null,"bio":"${w.sentence(12)}","website":null,"location":null,"status":"active","created_at":"2020-01-01T00:00:00.000Z"}`);
  out(']}}]}\n');
  return target.close();
}
