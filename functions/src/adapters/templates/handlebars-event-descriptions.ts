// Calendar event descriptions from Handlebars templates, compiled once in strict mode (a
// missing variable is an error, not a blank line in a family's invitation) with HTML escaping.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { EventAudience } from '../../domain/conference/calendar-plan';
import type { EventDescriptionView } from '../../domain/conference/event-description-view';
import { AppError } from '../../domain/errors';
import type { EventDescriptions } from '../../ports';

export class TemplateError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TEMPLATE.INVALID', message, 500, options);
  }
}

type Compiled = (view: EventDescriptionView) => string;

export class HandlebarsEventDescriptions implements EventDescriptions {
  private readonly templates: Record<EventAudience, Compiled>;

  /** `templatesDir` holds calendar/<audience>.html.hbs. */
  constructor(templatesDir: string) {
    const handlebars = Handlebars.create();
    const load = (audience: EventAudience): Compiled => {
      const file = join(templatesDir, 'calendar', `${audience}.html.hbs`);
      try {
        return handlebars.compile<EventDescriptionView>(readFileSync(file, 'utf8'), {
          strict: true,
          noEscape: false,
        });
      } catch (error) {
        throw new TemplateError(`The calendar template ${file} cannot be read or compiled`, { cause: error });
      }
    };
    this.templates = { family: load('family'), professionals: load('professionals') };
  }

  render(view: EventDescriptionView): string {
    try {
      return this.templates[view.audience](view).trim();
    } catch (error) {
      throw new TemplateError(`The ${view.audience} calendar template does not fit the data it is given`, {
        cause: error,
      });
    }
  }
}
