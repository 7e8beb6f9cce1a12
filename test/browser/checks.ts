/// <reference lib="dom" />
/**
 * The audits every browser suite runs on a page: axe-core (WCAG 2.0/2.1/2.2
 * A and AA plus best practice) in the page, and the Nu Html Checker (vnu-jar,
 * one JVM for a whole set of pages). Each answers readable lines, one per
 * problem, so a failure says where to look.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Site } from './harness';

const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const VNU_JAR = path.resolve(__dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');

/** The viewports (a phone, a laptop) and colour schemes axe checks each page in. */
const WIDTHS: Array<[number, number]> = [
  [390, 844],
  [1366, 900],
];
const SCHEMES = ['light', 'dark'] as const;
interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** One readable line per failing element: rule, impact, what it asks, where, and the markup. */
function formatViolations(label: string, violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${label}: [${v.id}] (${v.impact ?? 'n/a'}) ${v.help}\n    target: ${node.target.map(String).join(' ')}\n    html: ${node.html.slice(0, 200)}${node.failureSummary ? `\n    ${node.failureSummary.replace(/\n/g, '\n    ')}` : ''}`),
  );
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

function runVnu(files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], { maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      // vnu exits 1 when it finds errors; that is an answer, not a failure to run.
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error('java not found: the Nu Html Checker needs a Java runtime. Install one (apt-get install -y default-jre-headless), or set SKIP_BROWSER=1 to skip the browser tests explicitly.'));
        return;
      }
      try {
        resolve((JSON.parse(stdout) as { messages: VnuMessage[] }).messages);
      } catch {
        reject(new Error(`vnu gave no JSON report (${error?.message ?? 'no error'}): ${stderr || stdout}`));
      }
    });
  });
}

/** axe's violations on the loaded page (its context must bypass the site's CSP: axe is injected as an inline script). */
async function axeViolations(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(
    async (tags) => (await (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe.run(document, { runOnly: tags, resultTypes: ['violations'] })).violations,
    AXE_TAGS,
  );
  return formatViolations(label, violations as AxeViolation[]);
}

/** axe's violations on `url` in every viewport and colour scheme (WIDTHS × SCHEMES); the page must answer `status`. */
export async function axeEverywhere(site: Site, url: string, status: number, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const [width, height] of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      // The site's CSP forbids inline scripts; axe is injected as one, so only this context bypasses it.
      const context = await site.browser.newContext({ viewport: { width, height }, colorScheme, bypassCSP: true });
      try {
        const page = await context.newPage();
        const response = await page.goto(site.base + url, { waitUntil: 'load' });
        if (response?.status() !== status) found.push(`${label}: ${url} answered ${response?.status()}, not ${status}`);
        else found.push(...(await axeViolations(page, `${label} ${width}px ${colorScheme}`)));
      } finally {
        await context.close();
      }
    }
  }
  return found;
}

/** The Nu Html Checker's errors on each of `pages` (name → URL) as the site serves them; warnings are printed, not failed. */
export async function nuErrors(site: Site, pages: Record<string, string>, statusOf: (name: string) => number): Promise<string[]> {
  const dir = mkdtempSync(path.join(site.tmp, 'vnu-'));
  const files: string[] = [];
  for (const [name, url] of Object.entries(pages)) {
    const response = await fetch(site.base + url);
    if (response.status !== statusOf(name)) throw new Error(`${url} answered ${response.status}, not ${statusOf(name)}`);
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, await response.text());
    files.push(file);
  }
  if (!existsSync(VNU_JAR)) throw new Error(`vnu-jar not found at ${VNU_JAR}: run npm ci`);
  const messages = await runVnu(files);
  const describe = (m: VnuMessage) => `${path.basename(m.url ?? '?')}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : ''}`;
  const warnings = messages.filter((m) => m.type !== 'error' && m.subType === 'warning');
  if (warnings.length) console.warn(`Nu Html Checker warnings:\n${warnings.map(describe).join('\n')}`);
  return messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error').map(describe);
}
