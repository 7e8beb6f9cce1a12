/**
 * A WordPress export (WXR 1.2, as wp-admin/includes/export.php writes it) of
 * N posts, about 10 KB of XML each, so 100,000 posts make about a gigabyte:
 * channel authors, categories and tags; half the posts from the block editor
 * (block comments), half classic (paragraphs by blank lines, a [caption]
 * shortcode); categories, tags, a featured image on every fifth post (its
 * attachment item after the post, as WordPress orders them), two comments
 * each, and a page and a menu item per thousand posts. Written in chunks:
 * the generator never holds the file either.
 */
import { chunkedFile, words } from './words';

const cdata = (text: string) => `<![CDATA[${text}]]>`;
const AUTHORS = 40;
const CATEGORIES = ['news', 'politics', 'business', 'culture', 'sport', 'science'];

function gmt(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function writeWordpressExport(file: string, posts: number): number {
  const w = words(11);
  const target = chunkedFile(file);
  const out = target.out;
  out(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Bench Gazette</title>
\t<link>https://gazette.example</link>
\t<description>A generated archive</description>
\t<language>en-US</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>https://gazette.example</wp:base_site_url>
\t<wp:base_blog_url>https://gazette.example</wp:base_blog_url>
`);
  for (let a = 1; a <= AUTHORS; a++) {
    out(`\t<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login>${cdata(`reporter${a}`)}</wp:author_login><wp:author_email>${cdata(`reporter${a}@gazette.example`)}</wp:author_email><wp:author_display_name>${cdata(`Reporter Number ${a}`)}</wp:author_display_name><wp:author_first_name>${cdata('Reporter')}</wp:author_first_name><wp:author_last_name>${cdata(`Number ${a}`)}</wp:author_last_name></wp:author>\n`);
  }
  CATEGORIES.forEach((slug, i) => out(`\t<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(slug[0]?.toUpperCase() + slug.slice(1))}</wp:cat_name></wp:category>\n`));
  let id = 1000;
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < posts; i++) {
    const postId = ++id;
    const date = gmt(start + i * 3_600_000);
    const gutenberg = i % 2 === 0;
    const paragraphs = Array.from({ length: 15 }, () => `${w.sentence(55)}, <em>${w.word()}</em> and <a href="https://example.org/${w.word()}">${w.word()}</a>.`);
    const list = Array.from({ length: 4 }, () => w.sentence(6));
    const content = gutenberg
      ? `${paragraphs.slice(0, 8).map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join('\n\n')}\n\n<!-- wp:heading -->\n<h2 class="wp-block-heading">${w.sentence(5)}</h2>\n<!-- /wp:heading -->\n\n<!-- wp:list -->\n<ul>${list.map((l) => `<li>${l}</li>`).join('')}</ul>\n<!-- /wp:list -->\n\n<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n${paragraphs.slice(8).map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join('\n\n')}\n\n<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${w.sentence(14)}</p><cite>${w.word()}</cite></blockquote>\n<!-- /wp:quote -->`
      : `${paragraphs.slice(0, 9).join('\n\n')}\n\n[caption id="attachment_${postId}" align="alignright" width="300"]<img class="size-medium" src="https://gazette.example/wp-content/uploads/2015/01/photo-${i}.jpg" alt="${w.sentence(4)}" width="300" height="200" /> ${w.sentence(8)}[/caption]\n\n<h2>${w.sentence(5)}</h2>\n<ol>\n\t<li>${list.join('</li>\n\t<li>')}</li>\n</ol>\n\n<!--more-->\n\n${paragraphs.slice(9).join('\n\n')}`;
    const featured = i % 5 === 0 ? postId + 1 : undefined;
    const category = CATEGORIES[i % CATEGORIES.length] as string;
    out(`\t<item>
\t\t<title>${cdata(`${w.sentence(7)} ${i}`)}</title>
\t\t<link>https://gazette.example/${date.slice(0, 4)}/post-${i}/</link>
\t\t<pubDate>${new Date(start + i * 3_600_000).toUTCString().replace('GMT', '+0000')}</pubDate>
\t\t<dc:creator>${cdata(`reporter${(i % AUTHORS) + 1}`)}</dc:creator>
\t\t<guid isPermaLink="false">https://gazette.example/?p=${postId}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(content)}</content:encoded>
\t\t<excerpt:encoded>${cdata(i % 3 === 0 ? w.sentence(20) : '')}</excerpt:encoded>
\t\t<wp:post_id>${postId}</wp:post_id>
\t\t<wp:post_date>${cdata(date)}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(date)}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(date)}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata('open')}</wp:comment_status>
\t\t<wp:ping_status>${cdata('open')}</wp:ping_status>
\t\t<wp:post_name>${cdata(`post-${i}`)}</wp:post_name>
\t\t<wp:status>${cdata(i % 50 === 7 ? 'draft' : 'publish')}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
\t\t<category domain="category" nicename="${category}">${cdata(category)}</category>
\t\t<category domain="post_tag" nicename="${w.word()}">${cdata(w.word())}</category>
\t\t<category domain="post_tag" nicename="${w.word()}-${i % 300}">${cdata(`${w.word()} ${i % 300}`)}</category>
${featured ? `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(String(featured))}</wp:meta_value>\n\t\t</wp:postmeta>\n` : ''}\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_edit_last')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata('1')}</wp:meta_value>\n\t\t</wp:postmeta>
${[1, 2].map((c) => `\t\t<wp:comment>\n\t\t\t<wp:comment_id>${postId * 10 + c}</wp:comment_id>\n\t\t\t<wp:comment_author>${cdata(`Reader ${c}`)}</wp:comment_author>\n\t\t\t<wp:comment_author_email>${cdata(`reader${c}@example.org`)}</wp:comment_author_email>\n\t\t\t<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>\n\t\t\t<wp:comment_content>${cdata(w.sentence(25))}</wp:comment_content>\n\t\t\t<wp:comment_approved>${cdata('1')}</wp:comment_approved>\n\t\t\t<wp:comment_type>${cdata('comment')}</wp:comment_type>\n\t\t\t<wp:comment_parent>0</wp:comment_parent>\n\t\t</wp:comment>\n`).join('')}\t</item>
`);
    if (featured) {
      id++;
      out(`\t<item>\n\t\t<title>${cdata(`photo-${i}`)}</title>\n\t\t<link>https://gazette.example/post-${i}/photo-${i}/</link>\n\t\t<dc:creator>${cdata('reporter1')}</dc:creator>\n\t\t<guid isPermaLink="false">https://gazette.example/wp-content/uploads/2015/01/photo-${i}.jpg</guid>\n\t\t<content:encoded>${cdata('')}</content:encoded>\n\t\t<excerpt:encoded>${cdata(w.sentence(9))}</excerpt:encoded>\n\t\t<wp:post_id>${featured}</wp:post_id>\n\t\t<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>\n\t\t<wp:post_name>${cdata(`photo-${i}`)}</wp:post_name>\n\t\t<wp:status>${cdata('inherit')}</wp:status>\n\t\t<wp:post_parent>${postId}</wp:post_parent>\n\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>\n\t\t<wp:attachment_url>${cdata(`https://gazette.example/wp-content/uploads/2015/01/photo-${i}.jpg`)}</wp:attachment_url>\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(w.sentence(5))}</wp:meta_value>\n\t\t</wp:postmeta>\n\t</item>\n`);
    }
    if (i % 1000 === 999) {
      const pageId = ++id;
      out(`\t<item>\n\t\t<title>${cdata(`Page ${i}`)}</title>\n\t\t<dc:creator>${cdata('reporter1')}</dc:creator>\n\t\t<guid isPermaLink="false">https://gazette.example/?page_id=${pageId}</guid>\n\t\t<content:encoded>${cdata(paragraphs.slice(0, 4).join('\n\n'))}</content:encoded>\n\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>\n\t\t<wp:post_id>${pageId}</wp:post_id>\n\t\t<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>\n\t\t<wp:post_modified_gmt>${cdata(date)}</wp:post_modified_gmt>\n\t\t<wp:post_name>${cdata(`page-${i}`)}</wp:post_name>\n\t\t<wp:status>${cdata('publish')}</wp:status>\n\t\t<wp:post_type>${cdata('page')}</wp:post_type>\n\t\t<wp:post_password>${cdata('')}</wp:post_password>\n\t</item>\n`);
      out(`\t<item>\n\t\t<title>${cdata('')}</title>\n\t\t<guid isPermaLink="false">https://gazette.example/?p=${++id}</guid>\n\t\t<wp:post_id>${id}</wp:post_id>\n\t\t<wp:status>${cdata('publish')}</wp:status>\n\t\t<wp:post_type>${cdata('nav_menu_item')}</wp:post_type>\n\t\t<category domain="nav_menu" nicename="main"><![CDATA[Main]]></category>\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_menu_item_object_id')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(String(pageId))}</wp:meta_value>\n\t\t</wp:postmeta>\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_menu_item_object')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata('page')}</wp:meta_value>\n\t\t</wp:postmeta>\n\t</item>\n`);
    }
  }
  out('</channel>\n</rss>\n');
  return target.close();
}
