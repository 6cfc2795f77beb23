// What every handler gets: the event's form values, the service client and the platform; and
// the two ways a handler reports failure. A trigger must return a card, so its errors become a
// message card; an action's become a notification on the card the user is looking at. Nothing
// technical reaches the user, and nothing personal reaches the log: only the error's code.
import type { Settings } from '../api-types';
import type { ActionResult, Card } from '../cards/card-json';
import { messageCard } from '../cards/message-card';
import type { AddonEvent } from '../event';
import { formValues, type FormValues } from '../form-inputs';
import type { Platform } from '../platform';
import { ServiceError, serviceClient, type ServiceClient } from '../service-client';

export interface Context {
  readonly event: AddonEvent;
  readonly form: FormValues;
  readonly client: ServiceClient;
  readonly platform: Platform;
}

export function contextOf(event: AddonEvent, platform: Platform): Context {
  return { event, form: formValues(event), client: serviceClient(platform), platform };
}

export function settingsOf(ctx: Context): Settings {
  return ctx.client.get<Settings>('/settings');
}

const UNEXPECTED =
  'Something went wrong in the add-on. Try again; if it keeps happening, tell IT the time it happened.';

function logFailure(where: string, error: unknown): void {
  const code = error instanceof ServiceError ? error.code : error instanceof Error ? error.name : 'unknown';
  // Codes only: messages can quote what a person typed.
  console.log(JSON.stringify({ severity: 'WARNING', where, code }));
}

export function trigger(
  where: string,
  event: AddonEvent,
  platform: Platform,
  body: (ctx: Context) => Card,
): Card[] {
  try {
    return [body(contextOf(event, platform))];
  } catch (error) {
    logFailure(where, error);
    if (error instanceof ServiceError) {
      return [
        messageCard(error.code === 'ADDON.NOT_SET_UP' ? 'Not set up' : 'Could not load', error.message),
      ];
    }
    return [messageCard('Could not load', UNEXPECTED)];
  }
}

export function action(
  where: string,
  event: AddonEvent,
  platform: Platform,
  body: (ctx: Context) => ActionResult,
): ActionResult {
  try {
    return body(contextOf(event, platform));
  } catch (error) {
    logFailure(where, error);
    return { notification: error instanceof ServiceError ? error.message : UNEXPECTED };
  }
}

/** Runs `call`; a 400 with field problems goes to `invalid` (to show them on the form). */
export function orInvalid<T>(
  call: () => T,
  invalid: (error: ServiceError) => ActionResult,
): { readonly ok: T } | { readonly result: ActionResult } {
  try {
    return { ok: call() };
  } catch (error) {
    if (error instanceof ServiceError && error.status === 400 && error.fields.length > 0) {
      return { result: invalid(error) };
    }
    throw error;
  }
}

/** The notification for a form the service refused: the problems themselves are on the fields. */
export function fixThese(error: ServiceError): string {
  const n = error.fields.length;
  return `${n === 1 ? 'One thing' : `${n} things`} to fix: see the fields marked ⚠`;
}

/** A key unique to one opening of a form: the service books once per key. */
export function newKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `addon-${Array.from({ length: 24 }, () => alphabet.charAt(Math.floor(Math.random() * alphabet.length))).join('')}`;
}

/** Today's date (UTC) plus `days`, as YYYY-MM-DD: for list ranges, where a day either way is harmless. */
export function dayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
