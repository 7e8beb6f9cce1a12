/**
 * Layer rules of src/ (docs/decisions/0009-layers-routes-blocks.md), checked by
 * test/architecture/layers.test.ts. Data flows one way:
 *   leaves (text/, routes/, fields.ts, config.ts, log.ts, paths.ts, background.ts)
 *   → images/ → blocks/ → content/ → cache-keys/ (the surrogate-key scheme)
 *   → pages/ (with search/ and feeds/ beside it) → purge/ (what changed, and telling the cache)
 *   → http/ → server.ts and cli/; import/ (the import command's formats and
 *   writer) and corpus/ are tools used only by cli/
 * A rule names what a layer must not import: everything above it.
 */
const above = (...folders) => `^src/(${folders.join('|')})/|^src/server\\.ts$`;
const LEAVES = '^src/(text|routes)/|^src/(fields|config|log|paths|background)\\.ts$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No module imports itself through others.', from: { path: '^src/' }, to: { circular: true } },
    { name: 'leaves-import-leaves', severity: 'error', comment: 'Shared leaves sit below every layer.', from: { path: LEAVES }, to: { path: '^src/', pathNot: LEAVES } },
    { name: 'images-below-blocks', severity: 'error', from: { path: '^src/images/' }, to: { path: above('blocks', 'content', 'cache-keys', 'purge', 'pages', 'feeds', 'search', 'http', 'cli', 'corpus', 'import') } },
    { name: 'blocks-below-content', severity: 'error', from: { path: '^src/blocks/' }, to: { path: above('content', 'cache-keys', 'purge', 'pages', 'feeds', 'search', 'http', 'cli', 'corpus', 'import') } },
    { name: 'content-below-pages', severity: 'error', from: { path: '^src/content/' }, to: { path: above('cache-keys', 'purge', 'pages', 'feeds', 'search', 'http', 'cli', 'corpus', 'import') } },
    { name: 'cache-keys-below-pages', severity: 'error', comment: 'Pages and feeds name their keys with the scheme; the scheme knows no page.', from: { path: '^src/cache-keys/' }, to: { path: above('purge', 'pages', 'feeds', 'search', 'http', 'cli', 'corpus', 'import') } },
    { name: 'purge-below-http', severity: 'error', comment: 'What changed is read from catalogs and page models; the HTTP layer and the server only wire it.', from: { path: '^src/purge/' }, to: { path: above('http', 'cli', 'corpus', 'import') } },
    { name: 'search-beside-pages', severity: 'error', comment: 'pages/ may use search/, never the other way.', from: { path: '^src/search/' }, to: { path: above('purge', 'pages', 'feeds', 'http', 'cli', 'corpus', 'import') } },
    { name: 'feeds-beside-pages', severity: 'error', from: { path: '^src/feeds/' }, to: { path: above('purge', 'pages', 'search', 'http', 'cli', 'corpus', 'import') } },
    { name: 'pages-below-http', severity: 'error', from: { path: '^src/pages/' }, to: { path: above('purge', 'feeds', 'http', 'cli', 'corpus', 'import') } },
    { name: 'http-below-server', severity: 'error', from: { path: '^src/http/' }, to: { path: above('cli', 'corpus', 'import') } },
    { name: 'import-is-a-tool', severity: 'error', comment: 'The importer writes records; only the CLI runs it.', from: { path: '^src/import/' }, to: { path: above('pages', 'feeds', 'search', 'http', 'cli', 'corpus') } },
    {
      name: 'search-worker-needs-no-catalog',
      severity: 'error',
      comment: 'The search index worker builds from the documents it is posted and reads bodies by offset: nothing it loads may reach the catalog or the content load (docs/decisions/0020-search-index-in-a-worker.md).',
      from: { path: '^src/search/index-worker\\.ts$' },
      to: { path: '^src/content/(catalog|catalog-indexes|load|live|reload|resolve|snapshot)\\.ts$', reachable: true },
    },
    { name: 'corpus-is-a-tool', severity: 'error', comment: 'The corpus generator writes records; only the CLI runs it.', from: { path: '^src/corpus/' }, to: { path: above('pages', 'feeds', 'search', 'http', 'cli') } },
  ],
  options: {
    // Type-only imports count: a type pulled from a layer above is a back-arrow too.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '\\.d\\.ts$' },
  },
};
