// The Calendar, Meet and Gmail client packages and nodemailer's composer, loaded on first use
// rather than at start: most requests (the add-on's lists and cards) only read Firestore, and
// each costs every cold start tens of milliseconds to load (docs/benchmarks.md).
import { createRequire } from 'node:module';
import type * as CalendarPackage from '@googleapis/calendar';
import type * as GmailPackage from '@googleapis/gmail';
import type * as MeetPackage from '@googleapis/meet';
import type MailComposerClass from 'nodemailer/lib/mail-composer';

const load = createRequire(__filename);
let calendarPackage: typeof CalendarPackage | undefined;
let meetPackage: typeof MeetPackage | undefined;
let gmailPackage: typeof GmailPackage | undefined;

export function calendarClients(): typeof CalendarPackage {
  calendarPackage ??= load('@googleapis/calendar') as typeof CalendarPackage;
  return calendarPackage;
}

export function meetClients(): typeof MeetPackage {
  meetPackage ??= load('@googleapis/meet') as typeof MeetPackage;
  return meetPackage;
}

export function gmailClients(): typeof GmailPackage {
  gmailPackage ??= load('@googleapis/gmail') as typeof GmailPackage;
  return gmailPackage;
}

let mailComposerClass: typeof MailComposerClass | undefined;

/** nodemailer's MIME composer (about 23 ms to load). */
export function mailComposer(): typeof MailComposerClass {
  mailComposerClass ??= load('nodemailer/lib/mail-composer') as typeof MailComposerClass;
  return mailComposerClass;
}
