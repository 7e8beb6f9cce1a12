/**
 * EJS views, compiled once per file and reused: templates only print what a
 * page model holds. Strict mode (no `with`) keeps rendering fast and makes a
 * template that reads a missing name fail loudly instead of printing blanks.
 */
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VIEWS_DIR } from '../paths';

export class Views {
  private readonly compiled = new Map<string, ejs.TemplateFunction>();

  constructor(private readonly dir: string = VIEWS_DIR) {}

  render(view: string, model: object): string {
    let template = this.compiled.get(view);
    if (!template) {
      const filename = path.join(this.dir, 'pages', `${view}.ejs`);
      template = ejs.compile(readFileSync(filename, 'utf8'), { filename, strict: true, localsName: 'm', cache: true });
      this.compiled.set(view, template);
    }
    return template(model) as string;
  }
}
