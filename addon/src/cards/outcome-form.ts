// The chair's outcome form: who attended, then per child each attendee's scaling score (with
// the scale's meaning), recommendations, the decision and category, disagreements and the
// rationale; then the core group, the next review and the contingency plan. The service checks
// it all; its problems come back next to the fields, and on success the drafts are in Gmail.
import type { ConferenceDetail, FieldProblem, OutcomeAnswer, Settings } from '../api-types';
import type { FormValues } from '../form-inputs';
import type { Card, Section, Widget } from './card-json';
import {
  ACTIONS,
  button,
  buttons,
  checkboxes,
  choice,
  fact,
  linkButton,
  otherProblems,
  paragraph,
  picker,
  textField,
} from './widgets';
import { AMBER, coloured, esc, longDate, wallClockMs } from './words';

const NONE = { text: '—', value: '' };

function decisionsFor(c: ConferenceDetail, settings: Settings): readonly { id: string; label: string }[] {
  return c.type === 'review' ? settings.outcome.decisions.review : settings.outcome.decisions.initial;
}

export interface OutcomeRequest {
  readonly body: Record<string, unknown>;
  widgetOf(field: string): string;
}

/** The outcome request the API defines, from the form; rows left at "—" are left out. */
export function outcomeRequest(c: ConferenceDetail, form: FormValues): OutcomeRequest {
  const map = new Map<string, string>();
  const attendees = c.attendees;
  const children = c.children.map((child, ci) => {
    const scores: Record<string, unknown>[] = [];
    const recommendations: Record<string, unknown>[] = [];
    attendees.forEach((a, ai) => {
      const score = form.text(`c${ci}.score.${ai}`);
      if (score !== '') {
        map.set(`children[${ci}].scores[${scores.length}].reason`, `c${ci}.reason.${ai}`);
        map.set(`children[${ci}].scores[${scores.length}]`, `c${ci}.score.${ai}`);
        const reason = form.text(`c${ci}.reason.${ai}`);
        scores.push({ who: a.who, score: Number(score), ...(reason === '' ? {} : { reason }) });
      }
      const recommendation = form.text(`c${ci}.recommendation.${ai}`);
      if (recommendation !== '') {
        map.set(`children[${ci}].recommendations[${recommendations.length}]`, `c${ci}.recommendation.${ai}`);
        recommendations.push({ who: a.who, recommendation });
      }
    });
    for (const f of ['decision', 'category', 'subCategory', 'rationale', 'disagreements']) {
      map.set(`children[${ci}].${f}`, `c${ci}.${f}`);
    }
    map.set(`children[${ci}].scores`, `c${ci}.score.0`);
    const optional = (name: string): Record<string, string> => {
      const value = form.text(`c${ci}.${name}`);
      return value === '' ? {} : { [name]: value };
    };
    return {
      caseReference: child.caseReference,
      scores,
      recommendations,
      decision: form.text(`c${ci}.decision`),
      ...optional('category'),
      ...optional('subCategory'),
      ...optional('rationale'),
      ...optional('disagreements'),
    };
  });
  const attended = form.all('attended').flatMap((i) => {
    const a = attendees[Number(i)];
    return a === undefined ? [] : [a.who];
  });
  const members = form.all('coreGroup').flatMap((i) => {
    const a = attendees[Number(i)];
    return a === undefined ? [] : [a.who];
  });
  const firstMeeting = form.date('coreGroupFirst');
  const nextReview = form.date('nextReview');
  const notes = form.text('notesForProfessionals');
  return {
    body: {
      attended,
      children,
      ...(members.length === 0 && firstMeeting === '' ? {} : { coreGroup: { members, firstMeeting } }),
      ...(nextReview === '' ? {} : { nextReview }),
      contingency: form.text('contingency'),
      ...(notes === '' ? {} : { notesForProfessionals: notes }),
    },
    widgetOf(field) {
      let best = '';
      for (const prefix of map.keys()) {
        if (
          (field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`)) &&
          prefix.length > best.length
        )
          best = prefix;
      }
      if (best !== '') return map.get(best) ?? field;
      if (field.startsWith('attended')) return 'attended';
      if (field.startsWith('coreGroup.firstMeeting')) return 'coreGroupFirst';
      if (field.startsWith('coreGroup')) return 'coreGroup';
      return field;
    },
  };
}

export function outcomeFormCard(
  c: ConferenceDetail,
  settings: Settings,
  form: FormValues | null,
  problems: readonly FieldProblem[],
): Card {
  const value = (name: string, fallback = ''): string => (form === null ? fallback : form.text(name));
  const scale = settings.outcome.scaling;
  const scoreItems = [
    NONE,
    ...Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({
      text: String(scale.min + i),
      value: String(scale.min + i),
    })),
  ];
  const recommendationItems = [
    NONE,
    ...settings.outcome.decisions.initial.map((d) => ({ text: d.label, value: d.id })),
  ];
  const everyone = c.attendees.map((a, i) => ({ text: esc(a.label), value: String(i) }));

  const childSections: Section[] = c.children.map((child, ci) => ({
    header: `Child ${esc(child.caseReference)}`,
    collapsible: false,
    widgets: [
      paragraph(
        `Scaling: ${scale.min} means ${esc(scale.minLabel)}; ${scale.max} means ${esc(scale.maxLabel)}.`,
      ),
      ...c.attendees.flatMap((a, ai) => [
        ...choice(
          `c${ci}.score.${ai}`,
          `${esc(a.label)}: score`,
          scoreItems,
          value(`c${ci}.score.${ai}`),
          problems,
        ),
        ...(a.role === 'family'
          ? []
          : [
              ...textField(
                `c${ci}.reason.${ai}`,
                'Reason for the score',
                value(`c${ci}.reason.${ai}`),
                problems,
              ),
              ...choice(
                `c${ci}.recommendation.${ai}`,
                'Recommends',
                recommendationItems,
                value(`c${ci}.recommendation.${ai}`),
                problems,
              ),
            ]),
      ]),
      ...choice(
        `c${ci}.decision`,
        'Decision',
        [NONE, ...decisionsFor(c, settings).map((d) => ({ text: d.label, value: d.id }))],
        value(`c${ci}.decision`),
        problems,
      ),
      ...choice(
        `c${ci}.category`,
        'Category of plan',
        [NONE, ...settings.outcome.categories.map((k) => ({ text: k.label, value: k.id }))],
        value(`c${ci}.category`),
        problems,
      ),
      ...choice(
        `c${ci}.subCategory`,
        'Sub-category',
        [NONE, ...settings.outcome.subCategories.map((k) => ({ text: k.label, value: k.id }))],
        value(`c${ci}.subCategory`),
        problems,
      ),
      ...textField(`c${ci}.rationale`, 'Rationale for the decision', value(`c${ci}.rationale`), problems, {
        multiline: true,
      }),
      ...textField(`c${ci}.disagreements`, 'Disagreements', value(`c${ci}.disagreements`), problems, {
        multiline: true,
      }),
    ],
  }));

  const attendedNow = form === null ? c.attendees.map((_, i) => String(i)) : form.all('attended');
  const plan: Widget[] = [
    ...checkboxes(
      'coreGroup',
      'Core group members',
      everyone,
      form === null ? [] : form.all('coreGroup'),
      problems,
    ),
    ...picker(
      'coreGroupFirst',
      'First core group meeting',
      'DATE_ONLY',
      wallClockMs(value('coreGroupFirst') || (form?.date('coreGroupFirst') ?? '')),
      problems,
    ),
    ...picker(
      'nextReview',
      `Next review (empty: by ${longDate(c.timeline.nextReviewDue)})`,
      'DATE_ONLY',
      wallClockMs(form?.date('nextReview') ?? ''),
      problems,
    ),
    ...textField(
      'contingency',
      'Contingency plan (the family reads this: no acronyms)',
      value('contingency'),
      problems,
      { multiline: true },
    ),
    ...textField(
      'notesForProfessionals',
      'Notes for professionals only',
      value('notesForProfessionals'),
      problems,
      { multiline: true },
    ),
  ];
  const attendedWidgets = checkboxes('attended', 'Who attended', everyone, attendedNow, problems);
  const top = otherProblems(problems, [
    ...attendedWidgets,
    ...childSections.flatMap((section) => section.widgets),
    ...plan,
  ]);
  return {
    name: 'outcome-form',
    header: { title: `Outcome of ${c.reference}`, subtitle: longDate(c.start) },
    sections: [
      ...(top.length > 0 ? [{ header: 'Please check', widgets: top }] : []),
      { header: 'Attendance', widgets: attendedWidgets },
      ...childSections,
      { header: 'Plan and next steps', widgets: plan },
    ],
    fixedFooter: {
      primaryButton: button(
        'Record and draft the emails',
        ACTIONS.submitOutcome,
        { reference: c.reference },
        'FILLED',
      ),
    },
  };
}

export function outcomeDoneCard(reference: string, answer: OutcomeAnswer): Card {
  return {
    name: 'outcome-recorded',
    header: { title: `Outcome of ${reference}`, subtitle: 'Recorded' },
    sections: [
      {
        widgets: [
          paragraph(
            'The record and decision, and the family’s letters, are drafts in your Gmail. Check them, then send.',
          ),
          ...(answer.nextReview === null ? [] : [fact('Next review by', longDate(answer.nextReview))]),
          ...answer.warnings.map((w) => paragraph(coloured(AMBER, `⚠ ${esc(w)}`))),
          buttons(
            ...(answer.draftsLink === null
              ? []
              : [linkButton('Open the drafts in Gmail', answer.draftsLink)]),
            button('Record sent', ACTIONS.markRecordSent, { reference }),
          ),
        ],
      },
    ],
  };
}
