// The timeline as JSON for people and other programs: instants as ISO 8601 with the offset
// (2026-03-30T10:00:00+01:00), dates as YYYY-MM-DD. Used by the CLI and the API alike.
import { isoWithOffset } from '../time/local-time';
import type { Timeline } from './plan-timeline';

export interface TimelineJson {
  policy: string;
  type: string;
  start: string;
  end: string;
  audiences: { audience: string; part: number; arrive: string; end: string }[];
  reportDue: string;
  familyShareDue: string | null;
  timescale: { latest: string; within: boolean; basis: string } | null;
  recordDue: string;
  outcomeToChildDue: string;
  coreGroupDue: string | null;
  nextReviewDue: string;
  reminders: { kind: string; audience: string; at: string }[];
  warnings: string[];
}

export function timelineToJson(t: Timeline): TimelineJson {
  return {
    policy: t.policyId,
    type: t.type,
    start: isoWithOffset(t.start),
    end: isoWithOffset(t.end),
    audiences: t.audiences.map((a) => ({
      audience: a.audience,
      part: a.part,
      arrive: isoWithOffset(a.arrive),
      end: isoWithOffset(a.end),
    })),
    reportDue: isoWithOffset(t.reportDue),
    familyShareDue: t.familyShareDue === null ? null : isoWithOffset(t.familyShareDue),
    timescale:
      t.timescale === null
        ? null
        : { latest: t.timescale.latest.toString(), within: t.timescale.within, basis: t.timescale.basis },
    recordDue: t.recordDue.toString(),
    outcomeToChildDue: t.outcomeToChildDue.toString(),
    coreGroupDue: t.coreGroupDue?.toString() ?? null,
    nextReviewDue: t.nextReviewDue.toString(),
    reminders: t.reminders.map((r) => ({ kind: r.kind, audience: r.audience, at: isoWithOffset(r.at) })),
    warnings: [...t.warnings],
  };
}
