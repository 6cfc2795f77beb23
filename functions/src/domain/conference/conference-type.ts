// The kinds of child protection conference, as the statutory guidance names them.

export const CONFERENCE_TYPES = ['initial', 'review', 'pre-birth', 'transfer-in'] as const;
export type ConferenceType = (typeof CONFERENCE_TYPES)[number];

/** How forms name each type: plain English, no acronyms (ICPC, RCPC) a new coordinator must learn. */
export const CONFERENCE_TYPE_LABELS: Readonly<Record<ConferenceType, string>> = {
  initial: 'Initial conference',
  review: 'Review conference',
  'pre-birth': 'Pre-birth conference',
  'transfer-in': 'Transfer-in conference',
};

/** The minutes everyone is together in one part: from a quarter of an hour to a working day. */
export const PART_MINUTES = { min: 15, max: 480 } as const;

/**
 * Pre-birth and transfer-in conferences are initial conferences in the authority holding them:
 * a plan starts (or restarts) there, so a first core group and a first review follow.
 */
export function startsAPlan(type: ConferenceType): boolean {
  return type !== 'review';
}
