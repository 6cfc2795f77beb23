// The service's emails, rendered from the shipped templates: what each one must say, to whom,
// and the rules every template keeps (no names in subjects, no acronyms for families, escaping,
// strictness, council overrides checked when the policy loads).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  HandlebarsMessages,
  TemplateOverrideError,
} from '../../../functions/src/adapters/templates/handlebars-messages';
import { TemplateError } from '../../../functions/src/adapters/templates/handlebars-event-descriptions';
import { templatesDir } from '../../../functions/src/compose';
import {
  FAMILY_MESSAGES,
  MESSAGE_NAMES,
  type MessageName,
  type MessageViews,
  type RenderedMail,
} from '../../../functions/src/domain/messages/message-views';
import { SAMPLE_VIEWS } from '../../../functions/src/domain/messages/sample-views';
import { FAMILY_ACRONYMS } from '../../../functions/src/domain/outcome/outcome';

const dir = templatesDir();
const messages = new HandlebarsMessages(dir);

/** Renders a message from its sample view, with some fields changed. */
function render<N extends MessageName>(name: N, changes: Partial<MessageViews[N]> = {}): RenderedMail {
  return messages.render(name, { ...SAMPLE_VIEWS[name], ...changes });
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};

function variant<N extends MessageName>(
  name: N,
  changes: Partial<MessageViews[N]>,
): readonly [string, () => RenderedMail] {
  return [`${name} (${Object.keys(changes).join(', ')})`, () => render(name, changes)];
}

/** Line breaks and tags are layout, not meaning: compare the words a reader sees. */
function words(part: string): string {
  return part
    .replace(/<(br|\/p|\/li|\/h2|\/td|\/th|\/tr|\/div)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Both readable parts of a message, as words. */
function both(mail: RenderedMail): string[] {
  return [words(mail.text), words(mail.html)];
}

function templateFiles(from: string): string[] {
  return readdirSync(from).flatMap((entry) => {
    const path = join(from, entry);
    if (statSync(path).isDirectory()) return templateFiles(path);
    return entry.endsWith('.hbs') ? [path] : [];
  });
}

const REFERENCE = SAMPLE_VIEWS['report-request'].reference;
const ACRONYMS = FAMILY_ACRONYMS;
const CONFIDENTIAL = 'This email is about a child and is confidential.';

describe('every message', () => {
  test.each(MESSAGE_NAMES)('%s has a subject, a text and an HTML template', (name) => {
    for (const part of ['subject', 'text', 'html']) {
      expect(statSync(join(dir, name, `${part}.hbs`)).isFile()).toBe(true);
    }
  });

  test.each(MESSAGE_NAMES)('%s uses the shared header, confidentiality notice and footer', (name) => {
    for (const part of ['text', 'html']) {
      const source = readFileSync(join(dir, name, `${part}.hbs`), 'utf8');
      for (const partial of ['header', 'confidentiality', 'footer']) {
        expect(source).toContain(`{{> ${partial}-${part}}}`);
      }
    }
  });

  test.each(MESSAGE_NAMES)(
    '%s renders from its sample: a one-line subject with the reference, the notice and the footer',
    (name) => {
      const mail = render(name);
      expect(mail.subject).not.toBe('');
      expect(mail.subject).not.toMatch(/\n/);
      expect(mail.subject).toContain(REFERENCE);
      for (const part of both(mail)) {
        expect(part).toContain('Example Council');
        expect(part).toContain(CONFIDENTIAL);
        expect(part).toContain('Complaints Team (Complaints): complaints@example.gov.uk, 020 7946 0000');
        expect(part).toContain('Service Manager: 020 7946 0001');
        expect(part).toContain('reports@example.gov.uk');
      }
    },
  );

  test.each(MESSAGE_NAMES)('%s has a plain text part: no markup or entities, wrapped, paragraphs', (name) => {
    const { text } = render(name);
    expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
    expect(text).toContain('\n\n');
    expect(text).not.toMatch(/\n{3}/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  // The longest real dates and other branches of the templates, wrapped as well as the samples.
  const longest = {
    date: 'Wednesday 30 September 2026',
    conferenceKind: 'review child protection conference',
  };
  const due = '17:00 on Wednesday 30 September 2026';
  const variants: readonly (readonly [string, () => RenderedMail])[] = [
    variant('report-request', { ...longest, reportDue: due, familyShareDue: due, socialWorker: true }),
    variant('report-request', { ...longest, reportAddress: null, updated: false, venue: null }),
    variant('report-reminder', { ...longest, reportDue: due, familyShareDue: due }),
    variant('report-overdue', { ...longest, reportDue: due, reportAddress: null }),
    variant('report-request', { ...longest, reportDue: due, ownReport: false }),
    variant('report-reminder', { ...longest, reportDue: due, ownReport: false }),
    variant('report-overdue', { ...longest, reportDue: due, ownReport: false }),
    variant('professional-invitation', { ...longest, reportDue: due, venue: null, meetingUri: null }),
    variant('family-invitation', { ...longest, reportsBy: due, viewsAddress: null, venue: null }),
    variant('day-before-family', { ...longest, venue: null, meetingUri: null }),
    variant('day-before-professionals', { ...longest, venue: null }),
    variant('family-plan', {
      ...longest,
      coreGroupFirst: longest.date,
      nextReview: longest.date,
      byPost: true,
    }),
    variant('core-group-invitation', { ...longest, firstMeeting: longest.date, family: true }),
    variant('core-group-invitation', { ...longest, firstMeeting: longest.date }),
    variant('record-reminder', { ...longest, recordDue: longest.date }),
    variant('review-booking', { ...longest, reviewBy: longest.date }),
    variant('feedback-request', { ...longest, feedbackUrl: null }),
    variant('quorum-at-risk', longest),
    variant('all-reports-in', { ...longest, familyViews: 0 }),
    variant('delivery-failed', longest),
  ];

  test.each(variants)(
    '%s keeps its text wrapped in its other branches and with the longest dates',
    (_, mail) => {
      for (const line of mail().text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    },
  );

  test.each(MESSAGE_NAMES)(
    '%s has a self-contained HTML part: no scripts, images or outside resources',
    (name) => {
      const { html } = render(name);
      expect(html).toMatch(/^<p/);
      expect(html).not.toMatch(/<(html|body|head|script|img|link|style|iframe|object)\b/i);
      expect(html).not.toMatch(/\bsrc=|url\(/i);
    },
  );

  test('no template turns escaping off or uses an inverse section that strict mode breaks', () => {
    const files = templateFiles(dir);
    expect(files.length).toBeGreaterThan(MESSAGE_NAMES.length * 3);
    const source = (file: string): string => readFileSync(file, 'utf8');
    const named = (file: string): string => relative(dir, file);
    // {{{x}}} and {{& x}} print unescaped; {{^x}} fails on a missing field in strict mode.
    expect(files.filter((file) => source(file).includes('{{{')).map(named)).toEqual([]);
    expect(files.filter((file) => /\{\{~?\s*[&^]/.test(source(file))).map(named)).toEqual([]);
  });
});

describe('the footer', () => {
  const council = SAMPLE_VIEWS['feedback-request'].council;

  test('shows only the parts of a contact that are there, and no inbox line when there is none', () => {
    const mail = render('feedback-request', {
      council: {
        ...council,
        inbox: null,
        complaints: [{ name: 'Complaints', role: null, email: 'complaints@example.gov.uk', phone: null }],
        escalation: [],
      },
    });
    for (const part of both(mail)) {
      expect(part).toContain('Complaints: complaints@example.gov.uk');
      expect(part).not.toContain('Email for conference reports');
      expect(part).not.toContain('To raise a concern');
      expect(part).not.toContain('null');
    }
  });

  test('escapes the council name in HTML and keeps it as it is in text', () => {
    const mail = render('feedback-request', { council: { ...council, name: 'Bath & North East Somerset' } });
    expect(mail.html).toContain('Bath &amp; North East Somerset');
    expect(mail.text).toContain('Bath & North East Somerset');
  });
});

describe('family messages', () => {
  test.each(FAMILY_MESSAGES)('%s uses no acronyms in any part', (name) => {
    const mail = render(name);
    for (const part of [mail.subject, mail.text, words(mail.html)]) {
      for (const acronym of ACRONYMS) expect(part).not.toMatch(new RegExp(`\\b${acronym}\\b`));
      // Nor any other: apart from the conference reference, no word is all capitals.
      expect(part.replaceAll(REFERENCE, '').match(/\b[A-Z]{2,}\b/g)).toBeNull();
      expect(part).not.toMatch(/\be-mail\b/i);
    }
  });

  test('the core group invitation for a family member is in plain English too', () => {
    const mail = render('core-group-invitation', { family: true });
    for (const part of [mail.subject, mail.text, words(mail.html)]) {
      for (const acronym of ACRONYMS) expect(part).not.toMatch(new RegExp(`\\b${acronym}\\b`));
      expect(part.replaceAll(REFERENCE, '').match(/\b[A-Z]{2,}\b/g)).toBeNull();
    }
  });

  test('family subjects are plain: what it is, when, and the reference', () => {
    expect(render('family-invitation').subject).toBe(
      'Your child protection conference on Monday 7 December 2026 (CPC-7F3K)',
    );
    expect(render('day-before-family').subject).toBe(
      'Your child protection conference is tomorrow, Monday 7 December 2026 (CPC-7F3K)',
    );
    expect(render('family-plan').subject).toBe(
      'The plan from your child protection conference on Monday 7 December 2026 (CPC-7F3K)',
    );
  });
});

describe('the family invitation', () => {
  test('says when to arrive, that they meet the chair first in private, and when the professionals join', () => {
    for (const part of both(render('family-invitation'))) {
      expect(part).toContain('Please arrive at 10:00.');
      expect(part).toContain('You will meet the chair first, in private, before the professionals join.');
      expect(part).toContain('The professionals join you at 10:30.');
      expect(part).toContain('Service Centre, Room 2');
      expect(part).toContain('https://meet.google.com/abc-defg-hij');
    }
  });

  test('says a conference does not remove children', () => {
    for (const part of both(render('family-invitation'))) {
      expect(part).toContain('A conference cannot take your child away from you.');
      expect(part).toContain('Children are not removed from their families by a conference');
      expect(part).toContain('only a court can decide');
    }
  });

  test('explains supporters, solicitors, the reports, the "My Views" form and what happens', () => {
    for (const part of both(render('family-invitation'))) {
      expect(part).toContain('such as a friend, a relative or an advocate');
      expect(part).toContain('A solicitor can come to support and advise you, but they cannot speak for you');
      expect(part).toContain('share their reports with you by 17:00 on Thursday 3 December 2026');
      expect(part).toContain('"My Views"');
      expect(part).toContain('Please email it to reports+cpc-7f3k@example.gov.uk before the meeting');
      expect(part).toContain('What happens at the meeting');
      expect(part).toContain('the chair decides what kind of plan your child needs');
    }
  });

  test('asks them to bring the form when there is nowhere to email it', () => {
    for (const part of both(render('family-invitation', { viewsAddress: null, reportsBy: null }))) {
      expect(part).toContain('Please bring it with you to the meeting.');
      expect(part).toContain('share their reports with you before the meeting');
    }
  });

  test('gives the video rules in plain words when there is a link', () => {
    for (const part of both(render('family-invitation'))) {
      expect(part).toContain('keep your camera on for the whole meeting');
      expect(part).toContain('find a private room where nobody else can see or hear the meeting');
      expect(part).toContain('use headphones');
      expect(part).toContain('do not join from a public place');
    }
    for (const part of both(render('family-invitation', { meetingUri: null }))) {
      expect(part).not.toContain('If you join by video');
    }
  });

  test('tells a parent in a conference held in parts that they have their own part', () => {
    for (const part of both(render('family-invitation'))) {
      expect(part).toContain('You have your own part of the meeting.');
    }
    for (const part of both(render('family-invitation', { separateParts: false }))) {
      expect(part).not.toContain('own part');
    }
  });
});

describe('the family plan', () => {
  test('gives each decision and worry, what happens next and the contingency in the chair words', () => {
    for (const part of both(render('family-plan'))) {
      expect(part).toContain('Your child will have a child protection plan.');
      expect(part).toContain('The main worry is: neglect.');
      expect(part).toContain('The first meeting of the core group is on Monday 14 December 2026.');
      expect(part).toContain('another conference on Monday 1 March 2027');
      expect(part).toContain('If the plan is not followed, the social worker will seek legal advice.');
      expect(part).toContain('please contact your social worker');
      expect(part).not.toContain('by post');
    }
    for (const part of both(render('family-plan', { byPost: true }))) {
      expect(part).toContain('We have sent this plan to you by post.');
    }
  });
});

describe('the report request', () => {
  test('lists what the report must cover, in plain English, with a restricted part flagged to the chair', () => {
    for (const part of both(render('report-request'))) {
      expect(part).toContain("Your agency's involvement");
      expect(part).toContain('how often you see the child');
      expect(part).toContain('What you are worried about');
      expect(part).toContain('the evidence for it');
      expect(part).toContain('What is going well');
      expect(part).toContain("The child's views, wishes and feelings");
      expect(part).toContain('What support your agency can give');
      expect(part).toContain('What needs to happen');
      expect(part).toContain('Write in plain English, without jargon or acronyms: the family will read');
      expect(part).toContain('restricted part of the report and tell the chair before the conference');
    }
  });

  test('gives the deadline, the filing address with the reference, and the sharing rules', () => {
    for (const part of both(render('report-request'))) {
      expect(part).toContain('Send your report by 17:00 on Friday 4 December 2026');
      expect(part).toContain('to reports+cpc-7f3k@example.gov.uk, with CPC-7F3K in the subject');
      expect(part).toContain('share it with them before you send it, by 17:00 on Thursday 3 December 2026');
      expect(part).toContain('shared with the other professionals');
      expect(part).toContain('You join the conference at 10:30.');
    }
    const police = render('report-request', {
      shareWithFamilyFirst: false,
      shareWithProfessionals: false,
      reportAddress: null,
    });
    for (const part of both(police)) {
      expect(part).not.toContain('share it with them');
      expect(part).not.toContain('shared with the other professionals');
      expect(part).toContain('to the conference coordinator, with CPC-7F3K in the subject');
    }
  });

  test('says the conference moved when it is an updated request', () => {
    expect(render('report-request').subject).toBe(
      'Updated report request: conference CPC-7F3K has moved to Monday 7 December 2026',
    );
    for (const part of both(render('report-request'))) expect(part).toContain('The conference has moved.');
    const first = render('report-request', { updated: false });
    expect(first.subject).toBe('Report request: conference CPC-7F3K on Monday 7 December 2026');
    for (const part of both(first)) expect(part).not.toContain('moved');
  });

  test('asks the social worker for the summary and to send the family the "My Views" form', () => {
    for (const part of both(
      render('report-request', { socialWorker: true, agency: "Children's social care" }),
    )) {
      expect(part).toContain('with a one-page summary for the family');
      expect(part).toContain('Send the family your report, the summary and the "My Views" form');
    }
  });
});

describe('the professional invitation', () => {
  test('gives the join time and keeps professionals out of the family time with the chair', () => {
    const mail = render('professional-invitation');
    expect(mail.subject).toBe(
      'Invitation: initial child protection conference CPC-7F3K on Monday 7 December 2026, join at 10:30',
    );
    for (const part of both(mail)) {
      expect(part).toContain('Please join at 10:30.');
      expect(part).toContain(
        'The chair meets the family privately from 10:00, before the professionals join.',
      );
      expect(part).toContain('Please do not join early');
      expect(part).toContain('you will wait to be admitted');
    }
    for (const part of both(render('professional-invitation', { familyFirst: false, familyTime: null }))) {
      expect(part).not.toContain('do not join early');
    }
  });

  test('sets out the online rules and that the chair may remove someone', () => {
    for (const part of both(render('professional-invitation'))) {
      expect(part).toContain('keep your camera on for the whole meeting');
      expect(part).toContain('join from a private room');
      expect(part).toContain('use headphones');
      expect(part).toContain('do not join from a public place');
      expect(part).toContain('If anyone else can be seen or heard where you are, the chair may remove you');
      expect(part).toContain('Service Centre, Room 2');
    }
  });

  test('asks them to attend every part of a conference held in parts', () => {
    for (const part of both(render('professional-invitation'))) {
      expect(part).toContain('The conference has 2 parts');
      expect(part).toContain('Please attend all of them');
    }
    for (const part of both(render('professional-invitation', { separateParts: false, partCount: 1 }))) {
      expect(part).not.toContain('parts');
    }
  });
});

describe('messages to the coordinator and the chair', () => {
  test('quorum at risk lists what is missing and every agency by its answer', () => {
    const [text = ''] = both(render('quorum-at-risk', { awaitingAgencies: [] }));
    expect(text).toContain('1 more agency besides childrens-social-care must accept; declined: health.');
    expect(text).toContain('Declined: - Health');
    expect(text).toContain('Not replied yet: - none');
    expect(text).toContain('Accepted: - Police');
  });

  test('all reports in lists each report, when it came, whether late, and the family views', () => {
    const late = render('all-reports-in', {
      reports: [
        { agency: 'Police', receivedAt: 'Thursday 3 December 2026 at 15:12', late: false },
        { agency: 'Health', receivedAt: 'Saturday 5 December 2026 at 09:01', late: true },
      ],
    });
    for (const part of both(late)) {
      expect(part).toContain('Police: Thursday 3 December 2026 at 15:12');
      expect(part).toContain('Health: Saturday 5 December 2026 at 09:01 (late)');
      expect(part).not.toContain('15:12 (late)');
      expect(part).toContain('Views from the family: 1');
    }
  });

  test('the record and decision has each child, the scale, the reasons and the plan, then the minutes follow', () => {
    for (const part of both(render('record-and-decision'))) {
      expect(part).toContain('Child C-104233');
      expect(part).toContain('Decision: Child protection plan');
      expect(part).toContain('Category of harm: Neglect (sub-category: Domestic abuse)');
      expect(part).toContain('from 0 (Certain harm) to 10 (Safe enough to close)');
      expect(part).toContain('Police: 3. Two call-outs this month.');
      expect(part).toContain('Mother: 7');
      expect(part).toContain('Health recommended a child in need plan.');
      expect(part).toContain('The danger statement is not yet addressed.');
      expect(part).toContain('neglect is the primary worry');
      expect(part).toContain('First core group meeting: Monday 14 December 2026');
      expect(part).toContain('Next review conference: Monday 1 March 2027');
      expect(part).toContain('The police report has a restricted part.');
      expect(part).toContain('The full minutes will follow.');
    }
  });

  test('the record leaves out what the chair did not write', () => {
    const sample = SAMPLE_VIEWS['record-and-decision'];
    const [child] = sample.children;
    if (child === undefined) throw new Error('the sample has no child');
    const mail = render('record-and-decision', {
      children: [
        {
          ...child,
          category: null,
          subCategory: null,
          disagreements: null,
          rationale: null,
          categoryRationale: null,
        },
      ],
      notesForProfessionals: null,
      nextReview: null,
    });
    for (const part of both(mail)) {
      for (const label of [
        'Category of harm',
        'Disagreements',
        'rationale',
        'Why this category',
        'Notes for',
      ]) {
        expect(part).not.toContain(label);
      }
      expect(part).not.toContain('null');
    }
  });

  test('the record reminder points to the Gmail draft, the due date and the add-on', () => {
    for (const part of both(render('record-reminder'))) {
      expect(part).toContain('waiting in your Gmail drafts');
      expect(part).toContain('It is due by Tuesday 8 December 2026.');
      expect(part).toContain('mark it as sent in the Conference Desk add-on');
    }
  });

  test('the review booking gives the latest date and the draft in the add-on', () => {
    for (const part of both(render('review-booking'))) {
      expect(part).toContain('must be held by Monday 1 March 2027');
      expect(part).toContain('A draft booking is ready in the Conference Desk add-on.');
    }
  });

  test('a failed delivery says what, how often, the error and what to do', () => {
    for (const part of both(render('delivery-failed'))) {
      expect(part).toContain('could not send the report request to a professional');
      expect(part).toContain('It tried 5 times.');
      expect(part).toContain('GOOGLE.UNAVAILABLE');
      expect(part).toContain('Conference Desk outbox');
      expect(part).toContain('send it yourself by hand');
      expect(part).toContain('Tell your IT team');
    }
  });

  test('the core group invitation gives the first meeting and that the social worker confirms it', () => {
    for (const part of both(render('core-group-invitation'))) {
      expect(part).toContain('The first core group meeting is on Monday 14 December 2026.');
      expect(part).toContain('The social worker will confirm the time and place.');
    }
  });

  test('the feedback request links to the form, or asks for a reply when there is none', () => {
    for (const part of both(render('feedback-request')))
      expect(part).toContain('https://example.gov.uk/feedback');
    for (const part of both(render('feedback-request', { feedbackUrl: null }))) {
      expect(part).toContain('Please reply to this email with your comments');
    }
  });

  test('the feedback request says replies go to the coordinators, not to the report inbox', () => {
    for (const feedbackUrl of ['https://example.gov.uk/feedback', null]) {
      for (const part of both(render('feedback-request', { feedbackUrl }))) {
        expect(part).toMatch(/your reply goes to the\s+conference coordinators/);
        expect(part).toContain('cp-conferences@example.gov.uk');
        expect(part).toMatch(/do not send feedback to the email address for\s+conference reports/);
      }
    }
  });

  test('a reminder per person says the report is the recipient’s own, per agency the agency’s', () => {
    for (const name of ['report-reminder', 'report-overdue'] as const) {
      for (const part of both(render(name))) {
        expect(part).toMatch(/your report/);
        expect(part).toMatch(/even when a colleague from the\s+same agency has sent one/);
      }
      for (const part of both(render(name, { ownReport: false }))) {
        expect(part).toMatch(/the report from Police/);
        expect(part).not.toMatch(/colleague from the\s+same agency/);
      }
    }
  });
});

describe('escaping and strictness', () => {
  const typed = '<script>alert(1)</script> & co';

  test('what a person typed is escaped in HTML and kept as typed in text', () => {
    const mail = render('record-and-decision', { contingency: typed });
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain(typed);
  });

  test('a view missing a field fails, naming it, instead of leaving a blank', () => {
    const { reportDue: _dropped, ...rest } = SAMPLE_VIEWS['report-request'];
    const broken = rest as unknown as MessageViews['report-request'];
    expect(() => messages.render('report-request', broken)).toThrow(TemplateError);
    expect(() => messages.render('report-request', broken)).toThrow(/reportDue/);
  });

  test('a council template that asks for a field its message lacks stops the service at start, named', () => {
    const load = () =>
      new HandlebarsMessages(dir, {
        'report-request': { subject: 'Report for {{reference}} by {{deadline}}' },
      });
    expect(load).toThrow(TemplateOverrideError);
    expect(load).toThrow(/templates\.report-request\.subject.*deadline/);
  });

  test("a council's valid template is used in place of the shipped one", () => {
    const own = new HandlebarsMessages(dir, {
      'report-request': { subject: 'Report for {{reference}} by {{reportDue}}' },
    });
    const mail = own.render('report-request', SAMPLE_VIEWS['report-request']);
    expect(mail.subject).toBe('Report for CPC-7F3K by 17:00 on Friday 4 December 2026');
    expect(mail.text).toContain('What your report should cover');
  });
});

describe('partials shared by text and HTML parts', () => {
  it('still escape in HTML after a council’s text template used the HTML partial first', () => {
    const council = { ...SAMPLE_VIEWS['report-request'].council, name: '<b>A & B</b>' };
    const overridden = new HandlebarsMessages(dir, { 'feedback-request': { text: '{{> footer-html}}' } });
    overridden.render('feedback-request', { ...SAMPLE_VIEWS['feedback-request'], council });
    const mail = overridden.render('report-request', { ...SAMPLE_VIEWS['report-request'], council });
    expect(mail.html).toContain('&lt;b&gt;A &amp; B&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>A & B</b>');
  });
});
