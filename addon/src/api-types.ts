// The service's answers as the add-on reads them (functions/src/http/*-json.ts write them).
// Only what the cards show is typed; times are ISO 8601 with the council's offset, dates
// YYYY-MM-DD, so the council's wall-clock time can be read off the string itself.

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly fields: readonly FieldProblem[];
  };
}

export type DateRule = 'required' | 'optional' | 'unused';
export type DateField = 'strategyDiscussion' | 'previousConference' | 'expectedBirth' | 'transferNotified';

export interface Labelled {
  readonly id: string;
  readonly label: string;
}

export interface Settings {
  readonly council: { readonly name: string };
  readonly timeZone: string;
  readonly workspaceDomain: string;
  readonly me: { readonly email: string; readonly roles: readonly string[] };
  readonly types: readonly (Labelled & {
    readonly dates: Readonly<Record<DateField | 'firstReview', DateRule>>;
  })[];
  readonly agencies: readonly Labelled[];
  readonly socialCareAgency: string;
  readonly arrival: { readonly familyMinutesBefore: number; readonly professionalsMinutesBefore: number };
  readonly durationMinutes: Readonly<Record<string, number>>;
  readonly maxParts: number;
  readonly outcome: {
    readonly scaling: {
      readonly min: number;
      readonly max: number;
      readonly direction: string;
      readonly minLabel: string;
      readonly maxLabel: string;
    };
    readonly categories: readonly Labelled[];
    readonly subCategories: readonly (Labelled & { readonly appliesTo: readonly string[] })[];
    readonly decisions: { readonly initial: readonly Labelled[]; readonly review: readonly Labelled[] };
  };
  readonly intake: { readonly inbox: string | null };
}

export interface Audience {
  readonly audience: string;
  readonly part: number;
  readonly arrive: string;
  readonly end: string;
}

export interface Timeline {
  readonly type: string;
  readonly start: string;
  readonly end: string;
  readonly audiences: readonly Audience[];
  readonly reportDue: string;
  readonly familyShareDue: string | null;
  readonly timescale: { readonly latest: string; readonly within: boolean; readonly basis: string } | null;
  readonly recordDue: string;
  readonly nextReviewDue: string;
  readonly warnings: readonly string[];
}

export interface PlannedEvent extends Audience {
  readonly guests: number;
  /** Who is invited, by role ("Chair", "Mother"): never names or addresses. */
  readonly who: readonly string[];
}

export interface Preview {
  readonly timeline: Timeline;
  readonly events: readonly PlannedEvent[];
  readonly warnings: readonly string[];
}

export type QuorumState = 'quorate' | 'at-risk' | 'cannot';

/** One report a conference is owed: an invitee's own (per person) or an agency's (per agency). */
export interface OwedReport {
  readonly key: string;
  readonly agency: string;
  /** By agency and role, e.g. "Police", "Social worker"; never a name. */
  readonly label: string;
  /** The invited address whose report it is (per person); null per agency. */
  readonly invitee: string | null;
  /** False for a report from someone, or an agency, not (or no longer) invited. */
  readonly invited: boolean;
  readonly status: 'received' | 'missing';
  readonly receivedAt: string | null;
  readonly timing: 'on-time' | 'late' | null;
}

export interface Attendee {
  readonly who: string;
  readonly role: 'social-worker' | 'professional' | 'family';
  readonly label: string;
  readonly agency: string | null;
  readonly part: number | null;
}

export interface ConferenceDetail {
  readonly reference: string;
  readonly status: 'booking' | 'booked' | 'cancelled' | 'held';
  readonly type: string;
  readonly start: string;
  readonly end: string;
  readonly venue: string | null;
  readonly meet: { readonly joinUrl: string; readonly code: string } | null;
  readonly invitees: {
    readonly chair: { readonly email: string };
    readonly socialWorker: { readonly email: string; readonly name?: string };
    readonly professionals: readonly {
      readonly email: string;
      readonly agency: string;
      readonly role?: string;
    }[];
    readonly family: readonly {
      readonly email?: string;
      readonly relationship: string;
      readonly part?: number;
    }[];
  };
  readonly children: readonly { readonly caseReference: string }[];
  readonly timeline: Timeline;
  readonly outsideTimescaleReason: string | null;
  readonly revision: number;
  readonly reports: {
    readonly due: string;
    readonly per: 'person' | 'agency';
    readonly owed: readonly OwedReport[];
    readonly family: readonly { readonly relationship?: string; readonly receivedAt: string }[];
  };
  readonly quorum: {
    readonly state: QuorumState;
    readonly missing: readonly string[];
  } | null;
  readonly quorumUnavailable?: string;
  readonly attendees: readonly Attendee[];
  readonly started: boolean;
  readonly outcome: {
    readonly recordedAt: string;
    readonly draftsLink: string | null;
    readonly recordSent: { readonly at: string; readonly by: string } | null;
  } | null;
}

export interface OverviewConference {
  readonly reference: string;
  readonly type: string;
  readonly status: ConferenceDetail['status'];
  readonly start: string;
  readonly venue: string | null;
  readonly reports: {
    readonly received: number;
    readonly expected: number;
    readonly due: string;
    readonly overdue: boolean;
  };
  readonly quorum: QuorumState | null;
  readonly timescale: { readonly within: boolean; readonly latest: string; readonly basis: string } | null;
  readonly outcomeRecorded: boolean;
  readonly nextDeadline: { readonly what: string; readonly label: string; readonly at: string } | null;
}

export interface Overview {
  readonly from: string;
  readonly to: string;
  readonly conferences: readonly OverviewConference[];
  readonly unmatched: number | null;
}

export interface HeldReason {
  readonly code: string;
  readonly message: string;
}

/** What the service found an automatic email to be (a bounce, an out-of-office, a calendar answer). */
export interface AutomaticFacts {
  readonly rule: string;
  /** The rule in words, as the service puts it. */
  readonly words: string;
  readonly aboutMessage: string | null;
  readonly undelivered: readonly {
    readonly address: string;
    readonly invitee: string | null;
    readonly action: string | null;
    readonly status: string | null;
  }[];
  readonly answer: { readonly attendee: string; readonly answer: string; readonly counted: string } | null;
}

export interface Report {
  readonly messageId: string;
  readonly state: 'filed' | 'held' | 'dismissed' | 'automatic' | 'redelivered';
  readonly reference: string | null;
  readonly contribution: {
    readonly kind: string;
    readonly agency: string | null;
    readonly invitee: string | null;
    readonly relationship: string | null;
    readonly timing: 'on-time' | 'late';
    readonly due: string;
  } | null;
  readonly sender: { readonly address: string; readonly name: string } | null;
  readonly receivedAt: string;
  readonly subject: string | null;
  readonly attachments: readonly { readonly filename?: string; readonly size?: number }[];
  readonly link: string;
  readonly holdReasons: readonly HeldReason[];
  readonly candidates: readonly string[];
  readonly duplicateOf: string | null;
  readonly redeliveryOf: string | null;
  readonly automatic: AutomaticFacts | null;
}

export interface AutomaticList {
  readonly days: number;
  readonly truncated: boolean;
  readonly automatic: readonly Report[];
}

export interface ReportLookup {
  readonly report: Report;
  readonly conference: {
    readonly reference: string;
    readonly type: string;
    readonly start: string;
    readonly status: string;
  } | null;
}

export interface Reminders {
  readonly reference: string;
  readonly sent: readonly { readonly agency: string; readonly label: string; readonly state: string }[];
  readonly nothing: string | null;
}

export interface OutcomeAnswer {
  readonly reference: string;
  readonly nextReview: string | null;
  readonly warnings: readonly string[];
  readonly draftsLink: string | null;
  readonly recordSent: { readonly at: string; readonly by: string } | null;
}
