// The kinds of child protection conference, as the statutory guidance names them.

export const CONFERENCE_TYPES = ['initial', 'review', 'pre-birth', 'transfer-in'] as const;
export type ConferenceType = (typeof CONFERENCE_TYPES)[number];

/**
 * Pre-birth and transfer-in conferences are initial conferences in the authority holding them:
 * a plan starts (or restarts) there, so a first core group and a first review follow.
 */
export function startsAPlan(type: ConferenceType): boolean {
  return type !== 'review';
}
