// Every function Apps Script can call: the manifest's triggers and the cards' actions. Each is
// a top-level function in the bundle (addon/build.mjs checks), and each only adapts: the event
// goes to a handler with the Apps Script platform, the handler's card JSON goes through the one
// CardService adapter. Tests check that every action a card names is exported here.
import { toActionResponse, toCard } from './apps-script/card-service';
import { appsScriptPlatform } from './apps-script/platform';
import type { ActionResult, Card } from './cards/card-json';
import type { AddonEvent } from './event';
import * as booking from './handlers/booking';
import * as conference from './handlers/conference';
import * as home from './handlers/homepage';
import * as outcome from './handlers/outcome';
import * as report from './handlers/report';
import type { Platform } from './platform';

type Trigger = (e: AddonEvent, platform: Platform) => Card[];
type Handler = (e: AddonEvent, platform: Platform) => ActionResult;

function cards(handler: Trigger, e: AddonEvent): GoogleAppsScript.Card_Service.Card[] {
  return handler(e, appsScriptPlatform()).map(toCard);
}

function respond(handler: Handler, e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return toActionResponse(handler(e, appsScriptPlatform()));
}

// Triggers (appsscript.json).
export function onHomepage(e: AddonEvent): GoogleAppsScript.Card_Service.Card[] {
  return cards(home.handleOnHomepage, e);
}
export function onCalendarEventOpen(e: AddonEvent): GoogleAppsScript.Card_Service.Card[] {
  return cards(conference.handleOnCalendarEventOpen, e);
}
export function onGmailMessageOpen(e: AddonEvent): GoogleAppsScript.Card_Service.Card[] {
  return cards(report.handleOnGmailMessageOpen, e);
}

// Card actions (cards/widgets.ts ACTIONS).
export function showHomepage(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(home.handleShowHomepage, e);
}
export function showHeldReports(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(home.handleShowHeldReports, e);
}
export function showAutomaticEmails(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(home.handleShowAutomaticEmails, e);
}
export function showBookingForm(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(booking.handleShowBookingForm, e);
}
export function changeBookingForm(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(booking.handleChangeBookingForm, e);
}
export function previewBooking(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(booking.handlePreviewBooking, e);
}
export function confirmBooking(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(booking.handleConfirmBooking, e);
}
export function showConference(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleShowConference, e);
}
export function sendRemindersNow(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleSendRemindersNow, e);
}
export function showReschedule(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleShowReschedule, e);
}
export function rescheduleConference(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleRescheduleConference, e);
}
export function showCancel(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleShowCancel, e);
}
export function cancelConference(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(conference.handleCancelConference, e);
}
export function showOutcomeForm(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(outcome.handleShowOutcomeForm, e);
}
export function submitOutcome(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(outcome.handleSubmitOutcome, e);
}
export function markRecordSent(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(outcome.handleMarkRecordSent, e);
}
export function showReport(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(report.handleShowReport, e);
}
export function fileReport(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(report.handleFileReport, e);
}
export function dismissReport(e: AddonEvent): GoogleAppsScript.Card_Service.ActionResponse {
  return respond(report.handleDismissReport, e);
}
