// The real calendar templates: what each audience reads, escaped, and strict about missing data.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HandlebarsEventDescriptions,
  TemplateError,
} from '../../../functions/src/adapters/templates/handlebars-event-descriptions';
import { templatesDir } from '../../../functions/src/compose';
import { plannedEvents } from '../../../functions/src/domain/conference/calendar-plan';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { eventDescriptionView } from '../../../functions/src/domain/conference/event-description-view';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import { draftConference, hackneyBooking } from '../../support/bookings';

const meet = {
  space: 'spaces/abc',
  meetingCode: 'abc-defg-hij',
  meetingUri: 'https://meet.google.com/abc-defg-hij',
  host: 'x',
};
const descriptions = new HandlebarsEventDescriptions(templatesDir());

function render(input = hackneyBooking(), policy: 'hackney' | 'devon' = 'hackney') {
  const conference: Conference = { ...draftConference(input, policy), reference: 'CPC-7F3K' };
  const [family, professionals] = plannedEvents(conference).map((event) =>
    descriptions.render(eventDescriptionView(event, conference, meet, loadPreset(policy))),
  );
  // Line breaks in the templates are layout, not meaning: compare the words.
  const words = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ');
  return { family: words(family), professionals: words(professionals) };
}

describe('the family invitation', () => {
  test('says when to arrive and why, in plain words, and that everyone waits to be let in', () => {
    const { family } = render();
    expect(family).toContain('Please arrive at 10:00.');
    expect(family).toContain('The chair of the conference will meet you first, on your own');
    expect(family).toContain('The professionals join you at 10:30');
    expect(family).toContain('waiting room until the chair lets you in');
    expect(family).toContain('A conference does not take children away from their families.');
    expect(family).toContain('Hackney Service Centre, Room 2');
  });

  test('uses no acronyms', () => {
    const { family } = render();
    const text = family.replace(/<[^>]+>/g, '').replace(/CPC-[A-Z0-9]{4}/g, '');
    expect(text.match(/\b[A-Z]{2,}\b/g)).toBeNull();
  });
});

describe('the professionals invitation', () => {
  test('gives the join time, the lobby, the camera and privacy rules, the deadline and the plus address', () => {
    const { professionals } = render();
    expect(professionals).toContain('You will be admitted at 10:30.');
    expect(professionals).toContain('The chair meets the family privately');
    expect(professionals).toContain('Keep your camera on, join from a private room');
    expect(professionals).toContain('Your report is due by 17:00 on Friday 4 December 2026.');
    expect(professionals).toContain('childprotectioninvitereportrequest+cpc-7f3k@hackney.gov.uk');
    expect(professionals).toContain('https://meet.google.com/abc-defg-hij');
  });
});

describe('escaping and strictness', () => {
  test('escapes what a person typed: a venue cannot inject markup', () => {
    const { family } = render(hackneyBooking({ venue: '<script>alert(1)</script> & Room 2' }));
    expect(family).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Room 2');
    expect(family).not.toContain('<script>');
  });

  test('a template naming data it is not given fails loudly instead of leaving a blank', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', 'family.html.hbs'), '<p>Dear {{familyName}}</p>');
    writeFileSync(join(dir, 'calendar', 'professionals.html.hbs'), '<p>{{reference}}</p>');
    const strict = new HandlebarsEventDescriptions(dir);
    const conference: Conference = { ...draftConference(), reference: 'CPC-7F3K' };
    const [family] = plannedEvents(conference);
    if (family === undefined) throw new Error('no family event');
    expect(() =>
      strict.render(eventDescriptionView(family, conference, meet, loadPreset('hackney'))),
    ).toThrow(TemplateError);
  });
});
