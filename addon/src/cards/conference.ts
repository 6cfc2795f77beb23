// A conference's card (Calendar event open, or chosen on the homepage): its timeline, the reports
// it is owed (one per invitee or per agency, as the service lists them) in and missing, quorum, and what can be done now. Which actions show follows the
// state the service reports (booked, started, outcome recorded); the service still decides.
import type { ConferenceDetail, FieldProblem } from '../api-types';
import type { Button, Card, Section, Widget } from './card-json';
import { typeWords } from './homepage';
import { ACTIONS, button, buttons, fact, linkButton, paragraph, picker, textField } from './widgets';
import {
  AMBER,
  GREEN,
  RED,
  audienceWords,
  clock,
  coloured,
  esc,
  longDate,
  shortDate,
  wallClockMs,
} from './words';

function timelineSection(c: ConferenceDetail): Section {
  const t = c.timeline;
  const multi = t.audiences.some((a) => a.part > 1);
  return {
    header: 'Timeline',
    widgets: [
      ...t.audiences.map((a) =>
        fact(
          `${audienceWords(a.audience)}${multi ? `, part ${a.part}` : ''}`,
          `${clock(a.arrive)} to ${clock(a.end)}`,
        ),
      ),
      fact('Reports due', longDate(c.reports.due)),
      ...(t.timescale === null
        ? []
        : [
            fact(
              'Timescale',
              t.timescale.within
                ? `Within (latest ${shortDate(t.timescale.latest)})`
                : coloured(AMBER, `Outside: latest was ${shortDate(t.timescale.latest)}`),
              c.outsideTimescaleReason === null
                ? esc(t.timescale.basis)
                : `Reason: ${esc(c.outsideTimescaleReason)}`,
            ),
          ]),
      fact('Record and decision due', longDate(t.recordDue)),
      ...(c.venue === null ? [] : [fact('Venue', esc(c.venue))]),
    ],
  };
}

function reportsSection(c: ConferenceDetail): Section {
  // Whose report is the text, not the one-line top label: a long agency label would cut off the
  // role that tells a health visitor's row from the GP's.
  const widgets: Widget[] = c.reports.owed.map((r) => {
    const status =
      r.status === 'received'
        ? coloured(
            r.timing === 'late' ? AMBER : GREEN,
            `Received ${r.receivedAt === null ? '' : shortDate(r.receivedAt)}${r.timing === 'late' ? ' (late)' : ''}`,
          )
        : coloured(RED, 'Missing');
    const below = [r.invitee === null ? '' : esc(r.invitee), r.invited ? '' : 'not invited'].filter(
      (s) => s !== '',
    );
    return {
      decoratedText: {
        text: `${esc(r.label)}<br>${status}`,
        wrapText: true,
        ...(below.length === 0 ? {} : { bottomLabel: below.join(' · ') }),
      },
    };
  });
  if (c.reports.family.length > 0) {
    widgets.push(fact('Family’s views', `${c.reports.family.length} received`));
  }
  const received = c.reports.owed.filter((r) => r.status === 'received').length;
  return {
    header: `Reports ${received}/${c.reports.owed.length}`,
    widgets: widgets.length === 0 ? [paragraph('No report is owed for this conference.')] : widgets,
  };
}

function quorumSection(c: ConferenceDetail): Section {
  if (c.quorum === null) {
    return {
      header: 'Quorum',
      widgets: [
        paragraph(
          c.quorumUnavailable === undefined ? 'Not checked for this conference.' : esc(c.quorumUnavailable),
        ),
      ],
    };
  }
  const state =
    c.quorum.state === 'quorate'
      ? coloured(GREEN, 'Quorate: enough agencies have accepted')
      : c.quorum.state === 'at-risk'
        ? coloured(AMBER, 'At risk: waiting for replies')
        : coloured(RED, 'Cannot be reached with the current replies');
  return { header: 'Quorum', widgets: [paragraph(state), ...c.quorum.missing.map((m) => paragraph(esc(m)))] };
}

function actions(c: ConferenceDetail): Button[] {
  const ref = { reference: c.reference };
  const list: Button[] = [];
  if (c.meet !== null && c.status === 'booked') list.push(linkButton('Open the Meet', c.meet.joinUrl));
  if (c.status === 'booked' && !c.started) {
    if (c.reports.owed.some((r) => r.status === 'missing')) {
      list.push(button('Send a reminder now', ACTIONS.sendRemindersNow, ref));
    }
    list.push(button('Reschedule', ACTIONS.showReschedule, ref), button('Cancel', ACTIONS.showCancel, ref));
  }
  if (c.started && c.status !== 'cancelled') {
    if (c.outcome === null) list.push(button('Record the outcome', ACTIONS.showOutcomeForm, ref, 'FILLED'));
    else {
      if (c.outcome.draftsLink !== null)
        list.push(linkButton('Open the drafts in Gmail', c.outcome.draftsLink));
      if (c.outcome.recordSent === null) list.push(button('Record sent', ACTIONS.markRecordSent, ref));
    }
  }
  return list;
}

export function conferenceCard(c: ConferenceDetail): Card {
  const status =
    c.status === 'cancelled'
      ? coloured(RED, 'Cancelled')
      : c.status === 'held'
        ? c.outcome === null
          ? coloured(AMBER, 'Held: outcome to record')
          : c.outcome.recordSent === null
            ? coloured(AMBER, 'Outcome recorded: record and decision to send')
            : coloured(GREEN, `Outcome recorded; record sent ${shortDate(c.outcome.recordSent.at)}`)
        : c.started
          ? coloured(AMBER, 'Started: record the outcome when it ends')
          : 'Booked';
  const list = actions(c);
  const sections: Section[] = [
    {
      widgets: [
        fact(
          'Status',
          status,
          `${c.children.length === 1 ? '1 child' : `${c.children.length} children`}: ${c.children.map((ch) => esc(ch.caseReference)).join(', ')}`,
        ),
        ...(list.length === 0 ? [] : [buttons(...list)]),
      ],
    },
    timelineSection(c),
  ];
  if (c.status !== 'cancelled') sections.push(reportsSection(c), quorumSection(c));
  return {
    name: 'conference',
    header: { title: c.reference, subtitle: `${typeWords(c.type)} conference · ${longDate(c.start)}` },
    sections,
  };
}

export function rescheduleCard(
  c: ConferenceDetail,
  values: { start: string; reason: string },
  problems: readonly FieldProblem[],
): Card {
  const start = values.start === '' ? c.start.slice(0, 16) : values.start;
  return {
    name: 'reschedule',
    header: { title: `Reschedule ${c.reference}`, subtitle: `Now ${longDate(c.start)}` },
    sections: [
      {
        widgets: [
          paragraph('Everyone invited gets an updated invitation; reminders move with the new date.'),
          ...picker(
            'start',
            'New time when everyone is together (council time)',
            'DATE_AND_TIME',
            wallClockMs(start),
            problems,
          ),
          ...textField('reason', 'Why it is moving (staff only)', values.reason, problems, {
            multiline: true,
          }),
          ...problems
            .filter((p) => p.field !== 'start' && p.field !== 'reason')
            .map((p) => paragraph(coloured(RED, `⚠ ${esc(p.message)}`))),
        ],
      },
    ],
    fixedFooter: {
      primaryButton: button('Reschedule', ACTIONS.rescheduleConference, { reference: c.reference }, 'FILLED'),
    },
  };
}

export function cancelCard(c: ConferenceDetail, reason: string, problems: readonly FieldProblem[]): Card {
  return {
    name: 'cancel',
    header: { title: `Cancel ${c.reference}`, subtitle: longDate(c.start) },
    sections: [
      {
        widgets: [
          paragraph(
            'Every invitation is cancelled and everyone invited is told. Reminders stop. This cannot be undone.',
          ),
          ...textField('reason', 'Why it is cancelled (staff only)', reason, problems, { multiline: true }),
          ...problems
            .filter((p) => p.field !== 'reason')
            .map((p) => paragraph(coloured(RED, `⚠ ${esc(p.message)}`))),
        ],
      },
    ],
    fixedFooter: {
      primaryButton: button(
        'Cancel the conference',
        ACTIONS.cancelConference,
        { reference: c.reference },
        'FILLED',
      ),
    },
  };
}
