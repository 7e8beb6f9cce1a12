/**
 * `npm run validate [DIR]`: checks a data folder the way the server loads it
 * and lists every problem (file, field, reason). Exits 1 when there is any.
 */
import path from 'node:path';
import { ContentLoadError, loadContent } from '../content/load';
import { formatProblem } from '../content/problems';

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? process.env.DATA_DIR ?? './data');
  try {
    const content = await loadContent(dir);
    const drafts = [...content.articles.values()].filter((a) => a.status === 'draft').length;
    const draftPages = [...content.pages.values()].filter((p) => p.status === 'draft').length;
    const summary = `${content.articles.size} articles (${drafts} drafts), ${content.authors.size} authors, ${content.sources.size} sources, ${content.pages.size} pages (${draftPages} drafts), ${content.redirects.length} redirects`;
    if (content.problems.length === 0) {
      console.log(`${dir}: OK: ${summary}`);
      return 0;
    }
    for (const problem of content.problems) console.error(formatProblem(problem));
    console.error(`\n${dir}: ${content.problems.length} problem(s); loaded ${summary}`);
    return 1;
  } catch (error) {
    if (error instanceof ContentLoadError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`\n${dir}: cannot load: site.json is missing or invalid`);
      return 1;
    }
    throw error;
  }
}

main().then((code) => process.exit(code));
