// Automatic emails for the coordinator: what the report inbox received from programs (bounces,
// out-of-office replies, read receipts, calendar answers), none of it filed or answered. A bounce
// says whose address failed, so the coordinator can correct it; a calendar answer says whether it
// was counted towards quorum.
import type { AutomaticList, Report } from '../api-types';
import type { Card, Widget } from './card-json';
import { ACTIONS, button, buttons, fact, paragraph, run } from './widgets';
import { AMBER, coloured, esc, plural, shortDate } from './words';

const COUNTED: Record<string, string> = {
  recorded: 'counted towards quorum',
  outdated: 'not counted: it answers an earlier version of the invitation',
  'unknown-event': 'not counted: it answers no invitation of this conference',
  'not-the-guest': 'not counted: it did not come from the guest it names',
  'not-recorded': 'not counted',
};

/** What an automatic email says happened, one line each: whose address failed, whose answer. */
export function automaticLines(report: Report): Widget[] {
  const facts = report.automatic;
  if (facts === null) return [];
  const lines: Widget[] = [
    paragraph(`Recorded as automatic: ${esc(facts.words)}. Nothing was filed or answered.`),
  ];
  for (const u of facts.undelivered) {
    const who = u.invitee === null ? esc(u.address) : `${esc(u.invitee)} (${esc(u.address)})`;
    const how = u.action === 'delayed' ? 'is delayed for' : 'could not be delivered to';
    const what =
      facts.aboutMessage === null
        ? 'An email from the service'
        : `The ${esc(facts.aboutMessage.replaceAll('-', ' '))}`;
    lines.push(
      paragraph(
        coloured(
          AMBER,
          `${what} ${how} ${who}${u.status === null ? '' : ` (${esc(u.status)})`}. Check the address and book again if it is wrong.`,
        ),
      ),
    );
  }
  if (facts.answer !== null) {
    lines.push(
      paragraph(
        `${esc(facts.answer.attendee)} answered “${esc(facts.answer.answer)}”: ${COUNTED[facts.answer.counted] ?? 'not counted'}.`,
      ),
    );
  }
  return lines;
}

function row(report: Report): Widget {
  const facts = report.automatic;
  const bounced = (facts?.undelivered.length ?? 0) > 0;
  return fact(
    `${shortDate(report.receivedAt)}${report.reference === null ? '' : ` · ${esc(report.reference)}`}`,
    bounced
      ? coloured(AMBER, `<b>Not delivered</b>: ${esc(facts?.words ?? '')}`)
      : esc(facts?.words ?? 'automatic'),
    report.sender === null ? undefined : esc(report.sender.address),
    run(ACTIONS.showReport, { messageId: report.messageId }),
  );
}

export function automaticListCard(list: AutomaticList): Card {
  const bounces = list.automatic.filter((r) => (r.automatic?.undelivered.length ?? 0) > 0).length;
  return {
    name: 'automatic-emails',
    header: {
      title: 'Automatic emails',
      subtitle: `${plural(list.automatic.length, 'email')} in ${list.days} days${bounces === 0 ? '' : `, ${plural(bounces, 'bounce')}`}`,
    },
    sections: [
      {
        widgets:
          list.automatic.length === 0
            ? [paragraph('No automatic email reached the report inbox.')]
            : [
                ...list.automatic.map(row),
                ...(list.truncated ? [paragraph('More arrived than are listed here.')] : []),
              ],
      },
      { widgets: [buttons(button('Conferences', ACTIONS.showHomepage))] },
    ],
  };
}
