// What each of the service's emails is given to say. Every date and time is already in words in
// the council's zone, every flag is explicit (Handlebars' strict mode refuses a missing field), and
// nothing here names a child or a family member: the reference and case numbers stand for them.
// Free text a person typed (a chair's reasons, the contingency plan) is marked as such: the HTML
// parts escape it, as they escape everything.

export const MESSAGE_NAMES = [
  'report-request',
  'report-reminder',
  'report-overdue',
  'professional-invitation',
  'family-invitation',
  'day-before-professionals',
  'day-before-family',
  'quorum-at-risk',
  'all-reports-in',
  'record-and-decision',
  'family-plan',
  'record-reminder',
  'core-group-invitation',
  'review-booking',
  'feedback-request',
  'delivery-failed',
] as const;
export type MessageName = (typeof MESSAGE_NAMES)[number];

/** Messages read by a family: plain English, no acronyms, no professional's notes. */
export const FAMILY_MESSAGES: readonly MessageName[] = [
  'family-invitation',
  'day-before-family',
  'family-plan',
];

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface ContactView {
  readonly name: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly phone: string | null;
}

/** What the shared header and footer partials show: who sends it and whom to contact. */
export interface CouncilView {
  readonly name: string;
  /** The report request inbox, or null when the council has none. */
  readonly inbox: string | null;
  readonly complaints: readonly ContactView[];
  readonly escalation: readonly ContactView[];
}

export interface Common {
  readonly reference: string;
  readonly council: CouncilView;
  /** e.g. "initial child protection conference", in words (never ICPC/RCPC). */
  readonly conferenceKind: string;
  /** e.g. "Monday 7 December 2026". */
  readonly date: string;
}

interface Place {
  readonly venue: string | null;
  readonly meetingUri: string | null;
}

interface ReportAsk {
  /** e.g. "17:00 on Friday 4 December 2026". */
  readonly reportDue: string;
  /** The request inbox's plus address for this conference, so the report files itself. */
  readonly reportAddress: string | null;
  /** This recipient must share the report with the family before sending it. */
  readonly shareWithFamilyFirst: boolean;
  /** When the family must have seen it, in words; null when no separate deadline. */
  readonly familyShareDue: string | null;
  readonly shareWithProfessionals: boolean;
  /** Each invited professional owes their own report (policy reports.per 'person'), not their agency. */
  readonly ownReport: boolean;
}

export interface ReportRequestView extends Common, Place, ReportAsk {
  /** The recipient's agency, e.g. "Police"; "Children's social care" for the social worker. */
  readonly agency: string;
  readonly socialWorker: boolean;
  /** When this professional joins, e.g. "10:30". */
  readonly arrive: string;
  /** A later version after the conference moved: says the dates changed. */
  readonly updated: boolean;
}

export interface ReportReminderView extends Common, ReportAsk {
  readonly agency: string;
}

export type ReportOverdueView = ReportReminderView;

export interface ProfessionalInvitationView extends Common, Place {
  readonly arrive: string;
  readonly end: string;
  /** The family meets the chair first; professionals wait to be admitted. */
  readonly familyFirst: boolean;
  /** When the family's time with the chair starts, e.g. "10:00"; null when there is none. */
  readonly familyTime: string | null;
  readonly partCount: number;
  readonly separateParts: boolean;
  readonly reportDue: string;
  readonly reportAddress: string | null;
}

export interface FamilyInvitationView extends Common, Place {
  /** When to arrive to meet the chair, e.g. "10:00". */
  readonly arrive: string;
  /** When the professionals join, e.g. "10:30". */
  readonly together: string;
  readonly end: string;
  /** Their own part of a conference held in parts (separated parents). */
  readonly separateParts: boolean;
  /** Where to send the "My Views" form, or null when there is no inbox. */
  readonly viewsAddress: string | null;
  /** When the professionals' reports should reach them, in words. */
  readonly reportsBy: string | null;
}

export interface DayBeforeView extends Common, Place {
  readonly arrive: string;
  readonly family: boolean;
}

export interface QuorumAtRiskView extends Common {
  readonly start: string;
  /** What is missing, in sentences for the coordinator. */
  readonly missing: readonly string[];
  readonly declinedAgencies: readonly string[];
  readonly awaitingAgencies: readonly string[];
  readonly confirmedAgencies: readonly string[];
}

export interface ReportLine {
  /** The report's row as the card shows it: "Health (GP)" per person, "Health" per agency. */
  readonly agency: string;
  readonly receivedAt: string;
  readonly late: boolean;
}

export interface AllReportsInView extends Common {
  readonly reports: readonly ReportLine[];
  readonly familyViews: number;
}

export interface ScoreLine {
  /** Who scored, by role and agency ("Police", "Mother"), never by name. */
  readonly who: string;
  readonly score: number;
  /** The professional's reason (typed by the chair). Never shown to the family. */
  readonly reason: string | null;
}

export interface RecommendationLine {
  readonly who: string;
  readonly recommendation: string;
}

export interface ChildRecordView {
  readonly caseReference: string;
  readonly decision: string;
  readonly category: string | null;
  readonly subCategory: string | null;
  readonly scores: readonly ScoreLine[];
  readonly recommendations: readonly RecommendationLine[];
  /** Agencies' differing views and the chair's rationale, typed by the chair. */
  readonly disagreements: string | null;
  readonly rationale: string | null;
  readonly categoryRationale: string | null;
}

export interface ScaleView {
  readonly min: number;
  readonly max: number;
  readonly minLabel: string;
  readonly maxLabel: string;
}

export interface RecordAndDecisionView extends Common {
  readonly children: readonly ChildRecordView[];
  readonly scale: ScaleView;
  readonly attended: readonly string[];
  readonly coreGroup: readonly string[];
  readonly coreGroupFirst: string | null;
  readonly nextReview: string | null;
  readonly contingency: string;
  /** For professionals only, typed by the chair. */
  readonly notesForProfessionals: string | null;
  readonly chair: string;
}

export interface ChildPlanView {
  readonly caseReference: string;
  /** The decision as a sentence a family understands. */
  readonly decision: string;
  /** What the worry is about, in plain words; null when there is no plan. */
  readonly worry: string | null;
  readonly hasPlan: boolean;
}

export interface FamilyPlanView extends Common {
  readonly children: readonly ChildPlanView[];
  readonly coreGroupFirst: string | null;
  readonly nextReview: string | null;
  readonly contingency: string;
  /** No email address: the chair prints and posts it. */
  readonly byPost: boolean;
}

export interface RecordReminderView extends Common {
  readonly recordDue: string;
}

export interface CoreGroupInvitationView extends Common {
  readonly firstMeeting: string;
  readonly family: boolean;
}

export interface ReviewBookingView extends Common {
  readonly reviewBy: string;
}

export interface FeedbackRequestView extends Common {
  readonly feedbackUrl: string | null;
  /** Where a reply goes (the message's Reply-To): the coordinators, never the report inbox. */
  readonly replyTo: string;
}

export interface DeliveryFailedView extends Common {
  /** Which message could not be sent, in words, e.g. "the report request". */
  readonly what: string;
  readonly attempts: number;
  readonly error: string;
}

export interface MessageViews {
  'report-request': ReportRequestView;
  'report-reminder': ReportReminderView;
  'report-overdue': ReportOverdueView;
  'professional-invitation': ProfessionalInvitationView;
  'family-invitation': FamilyInvitationView;
  'day-before-professionals': DayBeforeView;
  'day-before-family': DayBeforeView;
  'quorum-at-risk': QuorumAtRiskView;
  'all-reports-in': AllReportsInView;
  'record-and-decision': RecordAndDecisionView;
  'family-plan': FamilyPlanView;
  'record-reminder': RecordReminderView;
  'core-group-invitation': CoreGroupInvitationView;
  'review-booking': ReviewBookingView;
  'feedback-request': FeedbackRequestView;
  'delivery-failed': DeliveryFailedView;
}

/** Renders a message from its templates (the council's own where its policy overrides one). */
export interface MessageRenderer {
  render<N extends MessageName>(name: N, view: MessageViews[N]): RenderedMail;
}
