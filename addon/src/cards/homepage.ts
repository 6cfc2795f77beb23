// The homepage: the conferences of the next weeks with what needs attention first (reports
// missing, quorum, timescale, deadlines), the held reports waiting for a coordinator, and
// "Book a conference".
import type { Overview, OverviewConference, QuorumState } from '../api-types';
import type { Card, Section, Widget } from './card-json';
import { ACTIONS, button, buttons, fact, paragraph, run } from './widgets';
import { AMBER, GREEN, RED, coloured, esc, plural, shortDate } from './words';

const QUORUM: Record<QuorumState, string> = {
  quorate: coloured(GREEN, 'quorate'),
  'at-risk': coloured(AMBER, 'quorum not yet confirmed'),
  cannot: coloured(RED, 'quorum cannot be reached'),
};

const TYPE_WORDS: Record<string, string> = {
  initial: 'Initial',
  review: 'Review',
  'pre-birth': 'Pre-birth',
  'transfer-in': 'Transfer in',
};

export function typeWords(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

function stateLine(c: OverviewConference): string {
  const bits: string[] = [];
  if (c.status === 'held') {
    bits.push(c.outcomeRecorded ? 'outcome recorded' : coloured(AMBER, 'outcome to record'));
  } else {
    const reports = `reports ${c.reports.received}/${c.reports.expected}`;
    bits.push(
      c.reports.overdue && c.reports.received < c.reports.expected
        ? coloured(RED, `${reports} (overdue)`)
        : reports,
    );
    if (c.quorum !== null) bits.push(QUORUM[c.quorum]);
  }
  if (c.timescale !== null && !c.timescale.within) bits.push(coloured(AMBER, 'outside timescale'));
  return bits.join(' · ');
}

function conferenceRow(c: OverviewConference): Widget {
  const next = c.nextDeadline === null ? '' : `${esc(c.nextDeadline.label)}: ${shortDate(c.nextDeadline.at)}`;
  return fact(
    `${shortDate(c.start)} · ${typeWords(c.type)}`,
    `<b>${esc(c.reference)}</b> ${stateLine(c)}`,
    next,
    run(ACTIONS.showConference, { reference: c.reference }),
  );
}

export function homepageCard(overview: Overview, weeks: number): Card {
  const sections: Section[] = [
    { widgets: [buttons(button('Book a conference', ACTIONS.showBookingForm, {}, 'FILLED'))] },
  ];
  if (overview.unmatched !== null) {
    sections.push({
      header: 'Report inbox',
      widgets: [
        overview.unmatched === 0
          ? fact('Held for a coordinator', 'None: every report was filed')
          : fact(
              'Held for a coordinator',
              coloured(AMBER, `<b>${plural(overview.unmatched, 'email')}</b> to file or dismiss`),
              undefined,
              run(ACTIONS.showHeldReports),
            ),
        fact(
          'Automatic emails',
          'Bounces, out-of-office replies, receipts: never filed',
          undefined,
          run(ACTIONS.showAutomaticEmails),
        ),
      ],
    });
  }
  const upcoming = overview.conferences;
  sections.push({
    header: `Next ${weeks} weeks`,
    widgets:
      upcoming.length === 0
        ? [paragraph('No conferences are booked in the next weeks.')]
        : upcoming.map(conferenceRow),
    ...(upcoming.length > 8 ? { collapsible: true, uncollapsibleWidgetsCount: 8 } : {}),
  });
  sections.push({ widgets: [buttons(button('Refresh', ACTIONS.showHomepage))] });
  return {
    name: 'homepage',
    header: {
      title: 'Conferences',
      subtitle: `${plural(upcoming.length, 'conference')} to ${shortDate(overview.to)}`,
    },
    sections,
  };
}
