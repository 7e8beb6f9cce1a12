/**
 * EJS views, compiled once per file and reused: templates only print what a
 * page model holds. Strict mode (no `with`) keeps rendering fast and makes a
 * template that reads a missing name fail loudly instead of printing blanks.
 *
 * Includes are ours too: EJS's own `include()` looks the file up on disk
 * (`existsSync`) and copies the locals key by key on every call. Here every
 * template is compiled to the bare function EJS generates, which takes
 * `include` as an argument (see `bareFunction`), and each template remembers
 * what its include paths resolve to,
 * so an include is a Map lookup and a call. Paths resolve as in EJS: relative
 * to the including file, `.ejs` added when there is no extension; the locals
 * of an include are the includer's, overlaid with the object passed to it.
 */
import ejs from 'ejs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VIEWS_DIR } from '../paths';

type ClientFunction = (locals: object, escapeFn: (text: unknown) => string, include: (file: string, data?: object) => string) => string;

interface Template {
  filename: string;
  fn: ClientFunction;
  /** Include path as written in this template → the template it names. */
  includes: Map<string, Template>;
}

/**
 * The template's own function, (locals, escapeFn, include) => html. EJS 5 removed the `client`
 * option that returned it: ejs.compile() now always wraps it in EJS's include and a copy of the
 * locals. It is made here as compile() makes it, from the body EJS generates (Template#source),
 * without the debug line counter; the views test renders every page both ways.
 */
function bareFunction(text: string, filename: string): ClientFunction {
  const template = new ejs.Template(text, { filename, strict: true, localsName: 'm', compileDebug: false });
  template.compile();
  return new Function('m', 'escapeFn', 'include', `"use strict";\n${template.source}//# sourceURL=${filename}\n`) as ClientFunction;
}

export class Views {
  /** Top-level views by name. */
  private readonly compiled = new Map<string, Template>();
  /** Every compiled template by absolute filename (a partial included from several places is compiled once). */
  private readonly byFile = new Map<string, Template>();

  constructor(private readonly dir: string = VIEWS_DIR) {}

  render(view: string, model: object): string {
    let template = this.compiled.get(view);
    if (!template) {
      template = this.load(path.join(this.dir, 'pages', `${view}.ejs`));
      this.compiled.set(view, template);
    }
    return this.run(template, model);
  }

  private load(filename: string): Template {
    let template = this.byFile.get(filename);
    if (!template) {
      template = { filename, fn: bareFunction(readFileSync(filename, 'utf8'), filename), includes: new Map() };
      this.byFile.set(filename, template);
    }
    return template;
  }

  /** The template an include path names, resolved against the including template once. */
  private included(parent: Template, file: string): Template {
    let template = parent.includes.get(file);
    if (!template) {
      const resolved = path.resolve(path.dirname(parent.filename), path.extname(file) ? file : `${file}.ejs`);
      template = this.load(resolved);
      parent.includes.set(file, template);
    }
    return template;
  }

  private run(template: Template, locals: object): string {
    const include = (file: string, data?: object): string => this.run(this.included(template, file), data ? { ...locals, ...data } : { ...locals });
    return template.fn(locals, ejs.escapeXML, include);
  }
}
