// `conference-desk timeline`: a conference's whole timeline as JSON, from its policy.
import { CONFERENCE_TYPES, PART_MINUTES } from '../../domain/conference/conference-type';
import type { Problem } from '../../domain/errors';
import { PRESET_IDS } from '../../domain/policy/presets';
import { parseTimelineRequest, planTimeline, TimelineError } from '../../domain/timeline/plan-timeline';
import { timelineToJson } from '../../domain/timeline/timeline-json';
import { MAX_PARTS, type TimelineRequest } from '../../domain/timeline/timeline-request';
import { parseFlags } from '../flags';
import { FlagReader } from '../read-flags';
import { UsageError } from '../usage-error';
import { readPolicy } from './policy-flag';

export const TIMELINE_HELP = `Usage: conference-desk timeline --type TYPE --start YYYY-MM-DDTHH:mm [options]

Prints the conference's timeline as JSON: each audience's arrival per part, report and
family-share deadlines, the statutory timescale, and what falls due afterwards.
  --policy ID|PATH            ${PRESET_IDS.join(' | ')} or a policy file (default working-together-2023)
  --type TYPE                 ${CONFERENCE_TYPES.join(' | ')}
  --start YYYY-MM-DDTHH:mm    when everyone is together, Europe/London wall-clock time
  --strategy-discussion DATE  initial (required) and pre-birth: the strategy discussion
  --previous-conference DATE  review (required): the conference being reviewed
  --first-review              review: this is the first review after the initial conference
  --expected-birth DATE       pre-birth (required): the expected date of birth
  --transfer-notified DATE    transfer-in: when the move was notified
  --parts N                   separate parts, e.g. 2 when parents attend separately (default 1)
  --duration MINUTES          minutes everyone is together in each part (default from policy)`;

const FLAG_SPEC = {
  policy: 'string',
  type: 'string',
  start: 'string',
  'strategy-discussion': 'string',
  'previous-conference': 'string',
  'first-review': 'boolean',
  'expected-birth': 'string',
  'transfer-notified': 'string',
  parts: 'string',
  duration: 'string',
} as const;

/** Request fields back to the flags a person typed them in. */
function flagFor(field: string): string {
  if (field.startsWith('parts[')) return field.endsWith('durationMinutes') ? '--duration' : '--parts';
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function asFlagProblems(error: TimelineError): Problem[] {
  return error.problems.map((p) => ({ field: flagFor(p.field), message: p.message }));
}

export function timeline(argv: readonly string[]): string {
  const read = new FlagReader(parseFlags(argv, FLAG_SPEC, 'timeline'));
  const policy = readPolicy(read);
  const parts = read.integer('parts', 1, MAX_PARTS);
  const duration = read.integer('duration', PART_MINUTES.min, PART_MINUTES.max);
  const input = {
    type: read.string('type'),
    start: read.string('start'),
    strategyDiscussion: read.string('strategy-discussion'),
    previousConference: read.string('previous-conference'),
    firstReview: read.boolean('first-review') ? true : undefined,
    expectedBirth: read.string('expected-birth'),
    transferNotified: read.string('transfer-notified'),
    parts:
      parts === undefined && duration === undefined
        ? undefined
        : Array.from({ length: parts ?? 1 }, () =>
            duration === undefined ? {} : { durationMinutes: duration },
          ),
  };
  let request: TimelineRequest | undefined;
  try {
    request = parseTimelineRequest(input);
  } catch (error) {
    if (!(error instanceof TimelineError)) throw error;
    read.problems.push(...asFlagProblems(error));
  }
  if (read.problems.length > 0 || request === undefined || policy === undefined)
    throw new UsageError(read.problems);
  try {
    return JSON.stringify(timelineToJson(planTimeline(request, policy)), null, 2);
  } catch (error) {
    if (error instanceof TimelineError) throw new UsageError(asFlagProblems(error));
    throw error;
  }
}
