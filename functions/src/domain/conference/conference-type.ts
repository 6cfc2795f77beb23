// The kinds of child protection conference, as the statutory guidance names them.

export const CONFERENCE_TYPES = ['initial', 'review', 'pre-birth', 'transfer-in'] as const;
export type ConferenceType = (typeof CONFERENCE_TYPES)[number];

/** The minutes everyone is together in one part: from a quarter of an hour to a working day. */
export const PART_MINUTES = { min: 15, max: 480 } as const;

/**
 * Pre-birth and transfer-in conferences are initial conferences in the authority holding them:
 * a plan starts (or restarts) there, so a first core group and a first review follow.
 */
export function startsAPlan(type: ConferenceType): boolean {
  return type !== 'review';
}
