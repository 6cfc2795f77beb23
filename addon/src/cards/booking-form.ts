// The booking form: what the coordinator types, the service's problems next to the fields
// they are about, and the timeline preview (who arrives when, when reports are due) before
// "Book and send invitations". The form holds no rules: it turns fields into the booking
// request the API defines, and shows whatever the API says about it.
import type { DateField, FieldProblem, Preview, Settings } from '../api-types';
import type { FormValues } from '../form-inputs';
import type { Card, Section, Widget } from './card-json';
import {
  ACTIONS,
  button,
  buttons,
  choice,
  fact,
  otherProblems,
  paragraph,
  picker,
  textField,
} from './widgets';
import { AMBER, audienceWords, clock, coloured, esc, longDate, shortDate, wallClockMs } from './words';

export interface ProfessionalRow {
  readonly email: string;
  readonly agency: string;
  readonly role: string;
}

export interface FamilyRow {
  readonly email: string;
  readonly relationship: string;
  readonly part: string;
}

export interface BookingDraft {
  /** The idempotency key: one per form, so a double click books once. */
  readonly key: string;
  readonly type: string;
  /** YYYY-MM-DDTHH:mm in the council's time, or ''. */
  readonly start: string;
  readonly durationMinutes: string;
  readonly parts: string;
  readonly venue: string;
  readonly chair: string;
  readonly socialWorker: { readonly email: string; readonly name: string };
  readonly professionals: readonly ProfessionalRow[];
  readonly family: readonly FamilyRow[];
  /** Case numbers, separated by commas or spaces. */
  readonly children: string;
  readonly dates: Readonly<Record<DateField, string>>;
  readonly firstReview: boolean;
  readonly outsideTimescaleReason: string;
}

export const DATE_FIELDS: readonly { field: DateField; label: string }[] = [
  { field: 'strategyDiscussion', label: 'Strategy discussion date' },
  { field: 'previousConference', label: 'Previous conference date' },
  { field: 'expectedBirth', label: 'Expected date of birth' },
  { field: 'transferNotified', label: 'Date the move was notified' },
];

const RELATIONSHIPS = ['mother', 'father', 'carer', 'step-parent', 'grandparent', 'young person', 'advocate'];

export function newDraft(settings: Settings, key: string): BookingDraft {
  const type = settings.types[0]?.id ?? 'initial';
  const others = settings.agencies.filter((a) => a.id !== settings.socialCareAgency).slice(0, 3);
  return {
    key,
    type,
    start: '',
    durationMinutes: String(settings.durationMinutes[type] ?? 90),
    parts: '1',
    venue: '',
    chair: '',
    socialWorker: { email: '', name: '' },
    professionals: others.map((a) => ({ email: '', agency: a.id, role: '' })),
    family: [{ email: '', relationship: 'mother', part: '1' }],
    children: '',
    dates: { strategyDiscussion: '', previousConference: '', expectedBirth: '', transferNotified: '' },
    firstReview: false,
    outsideTimescaleReason: '',
  };
}

/** The draft as the form currently shows it (row counts and key travel as action parameters). */
export function draftFromForm(form: FormValues): BookingDraft {
  const count = (name: string): number => Math.min(Math.max(Number(form.parameter(name)) || 0, 0), 40);
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  return {
    key: form.parameter('key'),
    type: form.text('type'),
    start: form.dateTime('start'),
    durationMinutes: form.text('durationMinutes'),
    parts: form.text('parts') || '1',
    venue: form.text('venue'),
    chair: form.text('chair'),
    socialWorker: { email: form.text('socialWorker.email'), name: form.text('socialWorker.name') },
    professionals: range(count('professionals')).map((i) => ({
      email: form.text(`professionals.${i}.email`),
      agency: form.text(`professionals.${i}.agency`),
      role: form.text(`professionals.${i}.role`),
    })),
    family: range(count('family')).map((i) => ({
      email: form.text(`family.${i}.email`),
      relationship: form.text(`family.${i}.relationship`),
      part: form.text(`family.${i}.part`) || '1',
    })),
    children: form.text('children'),
    dates: {
      strategyDiscussion: form.date('strategyDiscussion'),
      previousConference: form.date('previousConference'),
      expectedBirth: form.date('expectedBirth'),
      transferNotified: form.date('transferNotified'),
    },
    firstReview: form.checked('firstReview'),
    outsideTimescaleReason: form.text('outsideTimescaleReason'),
  };
}

export interface BookingRequest {
  readonly body: Record<string, unknown>;
  /** The form field a problem with an API field belongs to. */
  widgetOf(field: string): string;
}

/** The booking request the API defines, from the draft: empty rows and fields are left out. */
export function toRequest(draft: BookingDraft, settings: Settings): BookingRequest {
  const rules = settings.types.find((t) => t.id === draft.type)?.dates;
  const proRows: number[] = [];
  const professionals = draft.professionals.flatMap((p, row) => {
    if (p.email === '' && p.role === '') return [];
    proRows.push(row);
    return [{ email: p.email, agency: p.agency, ...(p.role === '' ? {} : { role: p.role }) }];
  });
  const familyRows: number[] = [];
  const parts = Math.max(Number(draft.parts) || 1, 1);
  const family = draft.family.flatMap((f, row) => {
    if (f.email === '' && f.relationship === '') return [];
    familyRows.push(row);
    return [
      {
        ...(f.email === '' ? {} : { email: f.email }),
        relationship: f.relationship,
        ...(parts > 1 ? { part: Number(f.part) || 1 } : {}),
      },
    ];
  });
  const minutes = Number(draft.durationMinutes);
  const dates = Object.fromEntries(
    DATE_FIELDS.flatMap(({ field }) =>
      draft.dates[field] === '' || rules?.[field] === 'unused' ? [] : [[field, draft.dates[field]]],
    ),
  );
  const body: Record<string, unknown> = {
    idempotencyKey: draft.key,
    type: draft.type,
    start: draft.start,
    parts: Array.from({ length: parts }, () =>
      Number.isFinite(minutes) && minutes > 0 ? { durationMinutes: minutes } : {},
    ),
    venue: draft.venue === '' ? null : draft.venue,
    chair: { email: draft.chair },
    socialWorker: {
      email: draft.socialWorker.email,
      ...(draft.socialWorker.name === '' ? {} : { name: draft.socialWorker.name }),
    },
    professionals,
    family,
    children: draft.children
      .split(/[\s,;]+/)
      .filter((c) => c !== '')
      .map((caseReference) => ({ caseReference })),
    ...dates,
    ...(rules?.firstReview === 'unused' ? {} : draft.firstReview ? { firstReview: true } : {}),
    ...(draft.outsideTimescaleReason === '' ? {} : { outsideTimescaleReason: draft.outsideTimescaleReason }),
  };
  return {
    body,
    widgetOf(field) {
      const row = /^(professionals|family)\[(\d+)\](?:\.(\w+))?/.exec(field);
      if (row !== null) {
        const rows = row[1] === 'professionals' ? proRows : familyRows;
        const index = rows[Number(row[2])];
        return index === undefined ? field : `${row[1] ?? ''}.${index}.${row[3] ?? 'email'}`;
      }
      if (field.startsWith('children')) return 'children';
      if (/^parts\[\d+\]\.durationMinutes/.test(field)) return 'durationMinutes';
      if (field.startsWith('parts')) return 'parts';
      if (field.startsWith('chair')) return 'chair';
      return field;
    },
  };
}

/** Problems renamed to the form's fields, so each shows next to what the coordinator typed. */
export function placeProblems(request: BookingRequest, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ field: request.widgetOf(p.field), message: p.message }));
}

function formParameters(draft: BookingDraft): Record<string, string> {
  return {
    key: draft.key,
    professionals: String(draft.professionals.length),
    family: String(draft.family.length),
  };
}

export function previewSection(preview: Preview): Section {
  const t = preview.timeline;
  const widgets: Widget[] = [
    fact('Conference', longDate(t.start), `until ${clock(t.end)}`),
    ...preview.events.map((e) =>
      fact(
        `${audienceWords(e.audience)}${preview.events.some((o) => o.part > 1) ? `, part ${e.part}` : ''}`,
        `Arrive ${clock(e.arrive)}, until ${clock(e.end)}`,
        `${e.who.map(esc).join(', ')}: each sees only their own invitation`,
      ),
    ),
    fact('Reports due', longDate(t.reportDue)),
    ...(t.familyShareDue === null ? [] : [fact('Shared with the family by', longDate(t.familyShareDue))]),
    ...(t.timescale === null
      ? []
      : [
          fact(
            'Timescale',
            t.timescale.within
              ? `Within timescale (latest ${shortDate(t.timescale.latest)})`
              : coloured(AMBER, `Outside timescale: latest was ${shortDate(t.timescale.latest)}`),
            esc(t.timescale.basis),
          ),
        ]),
    ...[...t.warnings, ...preview.warnings].map((w) => paragraph(coloured(AMBER, `⚠ ${esc(w)}`))),
  ];
  return { header: 'Check the timeline before booking', widgets };
}

export function bookingFormCard(
  settings: Settings,
  draft: BookingDraft,
  problems: readonly FieldProblem[],
  preview: { readonly preview: Preview; readonly request: string } | null = null,
): Card {
  const params = formParameters(draft);
  const change = (what: string): ReturnType<typeof button> =>
    button(
      what === 'add-professional' ? 'Add a professional' : 'Add a family member',
      ACTIONS.changeBookingForm,
      {
        ...params,
        change: what,
      },
    );
  const rules = settings.types.find((t) => t.id === draft.type)?.dates;
  const agencies = settings.agencies.map((a) => ({ text: a.label, value: a.id }));
  const partCount = Math.max(Number(draft.parts) || 1, 1);
  const partItems = Array.from({ length: partCount }, (_, i) => ({
    text: `Part ${i + 1}`,
    value: String(i + 1),
  }));

  const when: Widget[] = [
    ...choice(
      'type',
      'Conference type',
      settings.types.map((t) => ({ text: t.label, value: t.id })),
      draft.type,
      problems,
      {
        onChange: {
          action: {
            function: ACTIONS.changeBookingForm,
            parameters: Object.entries({ ...params, change: 'type' }).map(([key, value]) => ({ key, value })),
          },
        },
      },
    ),
    ...picker(
      'start',
      `When everyone is together (${settings.timeZone} time)`,
      'DATE_AND_TIME',
      wallClockMs(draft.start),
      problems,
    ),
    ...textField('durationMinutes', 'Length of each part (minutes)', draft.durationMinutes, problems),
    ...choice(
      'parts',
      'Parts',
      Array.from({ length: settings.maxParts }, (_, i) => ({
        text: i === 0 ? 'One part: everyone together' : `${i + 1} parts (e.g. parents attend separately)`,
        value: String(i + 1),
      })),
      draft.parts,
      problems,
      {
        onChange: {
          action: {
            function: ACTIONS.changeBookingForm,
            parameters: Object.entries({ ...params, change: 'parts' }).map(([key, value]) => ({
              key,
              value,
            })),
          },
        },
      },
    ),
    ...textField('venue', 'Venue (empty for online only)', draft.venue, problems),
    ...DATE_FIELDS.flatMap(({ field, label }) =>
      rules?.[field] === 'unused' || rules === undefined
        ? []
        : picker(
            field,
            rules[field] === 'required' ? label : `${label} (if known)`,
            'DATE_ONLY',
            wallClockMs(draft.dates[field]),
            problems,
          ),
    ),
    ...(rules?.firstReview === 'unused' || rules === undefined
      ? []
      : [
          {
            selectionInput: {
              name: 'firstReview',
              label: 'First review',
              type: 'SWITCH' as const,
              items: [{ text: 'This is the first review', value: 'yes', selected: draft.firstReview }],
            },
          },
        ]),
    ...textField(
      'outsideTimescaleReason',
      'Reason, if outside the timescale',
      draft.outsideTimescaleReason,
      problems,
      {
        multiline: true,
      },
    ),
  ];

  const staff: Widget[] = [
    ...textField('chair', 'Chair’s email', draft.chair, problems, {
      hint: `an account in ${settings.workspaceDomain}`,
    }),
    ...textField('socialWorker.email', 'Social worker’s email', draft.socialWorker.email, problems),
    ...textField('socialWorker.name', 'Social worker’s name (staff only)', draft.socialWorker.name, problems),
    ...textField('children', 'Children’s case numbers', draft.children, problems, {
      hint: 'separated by commas; never names',
    }),
  ];

  const professionals: Widget[] = draft.professionals.flatMap((p, i) => [
    ...textField(`professionals.${i}.email`, `Professional ${i + 1}: email`, p.email, problems),
    ...choice(`professionals.${i}.agency`, 'Agency', agencies, p.agency, problems),
    ...textField(`professionals.${i}.role`, 'Role (e.g. health visitor)', p.role, problems),
  ]);
  professionals.push(buttons(change('add-professional')));

  const family: Widget[] = draft.family.flatMap((f, i) => [
    ...textField(
      `family.${i}.email`,
      `Family member ${i + 1}: email (empty to post the invitation)`,
      f.email,
      problems,
    ),
    ...choice(
      `family.${i}.relationship`,
      'Relationship to the child',
      [...new Set([...RELATIONSHIPS, f.relationship])]
        .filter((r) => r !== '')
        .map((r) => ({ text: r, value: r })),
      f.relationship,
      problems,
    ),
    ...(partCount > 1 ? choice(`family.${i}.part`, 'Attends', partItems, f.part, problems) : []),
  ]);
  family.push(buttons(change('add-family')));

  const top = otherProblems(problems, [...when, ...staff, ...professionals, ...family]);
  const sections: Section[] = [
    ...(top.length > 0 ? [{ header: 'Please check', widgets: top }] : []),
    ...(preview === null ? [] : [previewSection(preview.preview)]),
    { header: 'When and where', widgets: when },
    { header: 'Chair, social worker and children', widgets: staff },
    { header: 'Professionals', widgets: professionals },
    {
      header: 'Family',
      widgets: [paragraph('Each family member gets only their own invitation.'), ...family],
    },
  ];
  return {
    name: 'booking-form',
    header: { title: 'Book a conference', subtitle: settings.council.name },
    sections,
    fixedFooter:
      preview === null
        ? { primaryButton: button('Check and preview', ACTIONS.previewBooking, params, 'FILLED') }
        : {
            primaryButton: button(
              'Book and send invitations',
              ACTIONS.confirmBooking,
              { ...params, previewed: preview.request },
              'FILLED',
            ),
            secondaryButton: button('Preview again', ACTIONS.previewBooking, params),
          },
  };
}
