// The intake emails (acknowledgement, watch-lapse warning) from templates/<message>/{subject,text,html}.hbs,
// compiled once in strict mode: a missing variable is an error, not a blank in someone's inbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type {
  AcknowledgementView,
  IntakeMessages,
  RenderedMail,
  WatchLapseView,
} from '../../domain/intake/intake-mail';
import { TemplateError } from './handlebars-event-descriptions';

type Part = 'subject' | 'text' | 'html';
type Message<V> = (view: V) => RenderedMail;

function load<V>(handlebars: typeof Handlebars, templatesDir: string, name: string): Message<V> {
  const compile = (part: Part): ((view: V) => string) => {
    const file = join(templatesDir, name, `${part}.hbs`);
    try {
      // Subject and text are not HTML: escaping would show "&amp;". Their views hold only values
      // the service makes (see templates/README.md); the HTML part escapes as everywhere else.
      return handlebars.compile<V>(readFileSync(file, 'utf8'), { strict: true, noEscape: part !== 'html' });
    } catch (error) {
      throw new TemplateError(`The template ${file} cannot be read or compiled`, { cause: error });
    }
  };
  const parts = { subject: compile('subject'), text: compile('text'), html: compile('html') };
  return (view) => {
    try {
      return {
        subject: parts.subject(view).replace(/\s+/g, ' ').trim(),
        text: `${parts
          .text(view)
          .replace(/\n{3,}/g, '\n\n')
          .trim()}\n`,
        html: parts.html(view).trim(),
      };
    } catch (error) {
      throw new TemplateError(`The ${name} template does not fit the data it is given`, { cause: error });
    }
  };
}

export class HandlebarsIntakeMessages implements IntakeMessages {
  readonly acknowledgement: Message<AcknowledgementView>;
  readonly watchLapse: Message<WatchLapseView>;

  constructor(templatesDir: string) {
    const handlebars = Handlebars.create();
    this.acknowledgement = load(handlebars, templatesDir, 'report-acknowledgement');
    this.watchLapse = load(handlebars, templatesDir, 'inbox-watch-lapse');
  }
}
