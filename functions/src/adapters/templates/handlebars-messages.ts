// Every email the timeline implies, from templates/<message>/{subject,text,html}.hbs with the
// shared partials in templates/partials/, compiled once in strict mode: a missing variable is an
// error, never a blank in someone's inbox. A council's policy may replace any part of any
// message; its templates are compiled and tried against a sample of the message's data when the
// policy loads, so a mistake stops the service at start with the field named.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Problem } from '../../domain/errors';
import {
  MESSAGE_NAMES,
  type MessageName,
  type MessageRenderer,
  type MessageViews,
  type RenderedMail,
} from '../../domain/messages/message-views';
import { SAMPLE_VIEWS } from '../../domain/messages/sample-views';
import type { TemplateOverrides } from '../../domain/policy/schema';
import { TemplateError } from './handlebars-event-descriptions';

export const MESSAGE_PARTS = ['subject', 'text', 'html'] as const;
type Part = (typeof MESSAGE_PARTS)[number];
type Compiled = (view: object) => string;

/** A council's template that does not compile or does not fit its message: named by policy path. */
export class TemplateOverrideError extends TemplateError {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `The council's templates have problems: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  }
}

function compile(handlebars: typeof Handlebars, source: string, part: Part): Compiled {
  // Subjects and plain text are not HTML: escaping would put "&amp;" in someone's inbox, and a
  // text/plain part cannot run anything. The HTML part escapes everything, typed or not.
  // Handlebars compiles lazily; parsing first makes a syntax error show now, not at first send.
  handlebars.parse(source);
  return handlebars.compile<object>(source, { strict: true, noEscape: part !== 'html' });
}

function tidy(part: Part, output: string): string {
  // A subject is one line (a newline there would start a new header); text keeps its paragraphs.
  if (part === 'subject') return output.replace(/\s+/g, ' ').trim();
  if (part === 'text')
    return `${output
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
  return output.trim();
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Handlebars says '"deadline" not defined in [object Object] - 3:10'; keep the name and place.
  return message.replace(/ in \[object Object\]/, '').split('\n')[0] ?? message;
}

export class HandlebarsMessages implements MessageRenderer {
  private readonly templates = new Map<MessageName, Record<Part, Compiled>>();

  /**
   * `templatesDir` holds one folder per message and partials/; `overrides` are the council's
   * own parts from its policy. Throws TemplateError for a missing or broken shipped template,
   * TemplateOverrideError naming every council template that does not work.
   */
  constructor(templatesDir: string, overrides: TemplateOverrides = {}) {
    // Two environments: Handlebars compiles a partial once, with the escaping of the first
    // template that uses it, so a partial shared by a text and an HTML part would otherwise
    // stop escaping in every HTML email after a text part used it first.
    const html = Handlebars.create();
    const plain = Handlebars.create();
    const partialsDir = join(templatesDir, 'partials');
    for (const file of readdirSync(partialsDir)) {
      if (!file.endsWith('.hbs')) continue;
      const source = readFileSync(join(partialsDir, file), 'utf8');
      html.registerPartial(basename(file, '.hbs'), source);
      plain.registerPartial(basename(file, '.hbs'), source);
    }
    const envFor = (part: Part): typeof Handlebars => (part === 'html' ? html : plain);
    const problems: Problem[] = [];
    for (const name of MESSAGE_NAMES) {
      const parts = {} as Record<Part, Compiled>;
      for (const part of MESSAGE_PARTS) {
        const own = overrides[name]?.[part];
        if (own !== undefined) {
          const field = `templates.${name}.${part}`;
          try {
            const template = compile(envFor(part), own, part);
            template(SAMPLE_VIEWS[name]);
            parts[part] = template;
            continue;
          } catch (error) {
            problems.push({ field, message: errorText(error) });
          }
        }
        const file = join(templatesDir, name, `${part}.hbs`);
        try {
          parts[part] = compile(envFor(part), readFileSync(file, 'utf8'), part);
        } catch (error) {
          throw new TemplateError(`The template ${file} cannot be read or compiled`, { cause: error });
        }
      }
      this.templates.set(name, parts);
    }
    if (problems.length > 0) throw new TemplateOverrideError(problems);
  }

  render<N extends MessageName>(name: N, view: MessageViews[N]): RenderedMail {
    const parts = this.templates.get(name);
    if (parts === undefined) throw new TemplateError(`There is no template for the ${name} message`);
    try {
      return {
        subject: tidy('subject', parts.subject(view)),
        text: tidy('text', parts.text(view)),
        html: tidy('html', parts.html(view)),
      };
    } catch (error) {
      throw new TemplateError(`The ${name} template does not fit its data: ${errorText(error)}`, {
        cause: error,
      });
    }
  }
}
