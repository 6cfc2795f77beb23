// The Gmail card for an email in the report inbox: a filed report's conference and status, or
// for a held one, why it was held and a choice of conference to file it under (and, when the
// service asks whose report it is, a choice of that conference's invitees), or dismiss.
import type { FieldProblem, Labelled, Report, ReportLookup } from '../api-types';
import { automaticLines } from './automatic';
import type { Card, Section, Widget } from './card-json';
import { ACTIONS, button, buttons, choice, fact, linkButton, paragraph, run, textField } from './widgets';
import { AMBER, GREEN, RED, coloured, esc, longDate, shortDate } from './words';

export interface ConferenceChoice {
  readonly reference: string;
  readonly start: string;
  readonly type: string;
}

/** What the coordinator chose last time, and the invitees to choose from once the service asked. */
export interface HeldForm {
  readonly conferenceRef: string;
  readonly agency: string;
  readonly invitee: string;
  /** The chosen conference's invitees who owe a report, as its card lists them. */
  readonly invitees: readonly { readonly label: string; readonly invitee: string }[];
}

function contributionLine(found: ReportLookup): string {
  const c = found.report.contribution;
  if (c === null) return 'Filed';
  const whose =
    c.agency !== null
      ? `${c.agency}${c.invitee === null ? '' : ` (${c.invitee})`}`
      : c.relationship !== null
        ? `family (${c.relationship})`
        : 'report';
  const timing = c.timing === 'on-time' ? coloured(GREEN, 'on time') : coloured(AMBER, 'late');
  return `${esc(whose)}, ${timing} (due ${shortDate(c.due)})`;
}

/** The choice of conference (and whose report it is) to file an email under. */
function filingSection(
  r: Report,
  choices: readonly ConferenceChoice[],
  agencies: readonly Labelled[],
  problems: readonly FieldProblem[],
  form: HeldForm | null,
  header: string,
): Section {
  const id = { messageId: r.messageId };
  const candidates = new Set(r.candidates);
  const ordered = [
    ...choices.filter((c) => candidates.has(c.reference)),
    ...choices.filter((c) => !candidates.has(c.reference)),
  ];
  const items = ordered.map((c) => ({
    text: `${c.reference} · ${shortDate(c.start)}${candidates.has(c.reference) ? ' (suggested)' : ''}`,
    value: c.reference,
  }));
  return {
    header,
    widgets: [
      ...(items.length === 0
        ? [paragraph('No conference is booked in the coming weeks to file it under.')]
        : choice(
            'conferenceRef',
            'Conference',
            items,
            form?.conferenceRef ?? ordered[0]?.reference ?? '',
            problems,
          )),
      ...choice(
        'agency',
        'Whose report',
        [
          { text: 'The sender’s, as invited', value: '' },
          ...agencies.map((a) => ({ text: a.label, value: a.id })),
        ],
        form?.agency ?? '',
        problems,
      ),
      ...(form === null || form.invitees.length === 0
        ? []
        : choice(
            'invitee',
            `Which invitee’s report (${form.conferenceRef})`,
            [
              { text: 'Choose the professional', value: '' },
              ...form.invitees.map((i) => ({ text: `${i.label} · ${i.invitee}`, value: i.invitee })),
            ],
            form.invitee,
            problems,
          )),
      buttons(button('File the report', ACTIONS.fileReport, id, 'FILLED')),
    ],
  };
}

const TITLES: Record<Report['state'], string> = {
  filed: 'Report filed',
  held: 'Report held',
  dismissed: 'Report dismissed',
  automatic: 'Automatic email',
  redelivered: 'Delivered twice',
};

export function reportCard(
  found: ReportLookup,
  choices: readonly ConferenceChoice[],
  agencies: readonly Labelled[],
  problems: readonly FieldProblem[] = [],
  form: HeldForm | null = null,
): Card {
  const r = found.report;
  const id = { messageId: r.messageId };
  const sender = r.sender === null ? 'unknown sender' : esc(r.sender.address);
  const head: Widget[] = [
    fact('From', sender, `Received ${longDate(r.receivedAt)}`),
    ...(r.attachments.length === 0 ? [] : [fact('Attachments', String(r.attachments.length))]),
  ];
  const sections: Section[] = [];
  if (r.state === 'filed') {
    sections.push({
      widgets: [
        fact('Filed under', `<b>${esc(r.reference ?? '')}</b>`, contributionLine(found)),
        ...head,
        ...(found.conference === null
          ? []
          : [
              buttons(
                button('Open the conference', ACTIONS.showConference, {
                  reference: found.conference.reference,
                }),
              ),
            ]),
      ],
    });
  } else if (r.state === 'dismissed') {
    sections.push({ widgets: [fact('Status', 'Dismissed by a coordinator'), ...head] });
  } else if (r.state === 'redelivered') {
    sections.push({
      widgets: [
        fact('Status', 'The same email arrived before: the first copy is the one that counts'),
        ...head,
        ...(r.redeliveryOf === null
          ? []
          : [buttons(button('Show the first copy', ACTIONS.showReport, { messageId: r.redeliveryOf }))]),
      ],
    });
  } else if (r.state === 'automatic') {
    sections.push(
      { header: 'What it was', widgets: [...automaticLines(r), ...head] },
      filingSection(r, choices, agencies, problems, form, 'If a person sent it as their report, file it'),
    );
  } else {
    sections.push(
      {
        header: 'Held for a coordinator',
        widgets: [
          ...r.holdReasons.map((h) => paragraph(coloured(RED, `• ${esc(h.message)}`))),
          ...(r.automatic === null ? [] : automaticLines(r)),
          ...(r.duplicateOf === null
            ? []
            : [paragraph(coloured(AMBER, 'The same attachments were already filed from this sender.'))]),
          ...head,
          ...(r.subject === null ? [] : [fact('Subject', esc(r.subject))]),
        ],
      },
      filingSection(r, choices, agencies, problems, form, 'File it under a conference'),
      {
        header: 'Or dismiss it',
        widgets: [
          ...textField('reason', 'Why (kept in the audit trail)', '', problems),
          buttons(button('Dismiss', ACTIONS.dismissReport, id)),
        ],
      },
    );
  }
  sections.push({ widgets: [buttons(linkButton('Open in the report inbox', r.link))] });
  return {
    name: `report-${r.state}`,
    header: {
      title: TITLES[r.state],
      subtitle: r.reference ?? 'Not filed',
    },
    sections,
  };
}

export function notAReportCard(): Card {
  return {
    name: 'not-a-report',
    header: { title: 'Conference Desk', subtitle: 'Not a report' },
    sections: [
      {
        widgets: [
          paragraph(
            'This email is not one Conference Desk received in the report inbox, so there is nothing to file.',
          ),
          buttons(button('Conferences', ACTIONS.showHomepage)),
        ],
      },
    ],
  };
}

export function heldListCard(held: readonly ReportLookup['report'][]): Card {
  return {
    name: 'held-reports',
    header: { title: 'Held reports', subtitle: `${held.length} to file or dismiss` },
    sections: [
      {
        widgets:
          held.length === 0
            ? [paragraph('Nothing is held.')]
            : held.map((r) =>
                fact(
                  shortDate(r.receivedAt),
                  r.sender === null ? 'unknown sender' : esc(r.sender.address),
                  r.holdReasons.map((h) => h.code.toLowerCase().replace(/_/g, ' ')).join(', '),
                  run(ACTIONS.showReport, { messageId: r.messageId }),
                ),
              ),
      },
    ],
  };
}
