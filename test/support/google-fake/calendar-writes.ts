// events.insert / patch / update / delete on the calendar owner's primary calendar.
import type { calendar_v3 } from '@googleapis/calendar';
import type { ApiCall } from './api';
import { type ConferenceOutcome, resolveConference } from './calendar-conference';
import { notify, sendUpdatesOf } from './calendar-notify';
import {
  canonicalize,
  checkEventFields,
  checkEventId,
  checkTimes,
  normalizeAttendees,
  OUTPUT_ONLY,
} from './calendar-rules';
import type { CalendarStore, EventRecord } from './calendar-store';
import { ApiError, badRequest, notFound, permissionDenied } from './errors';
import { timestamp } from './formats';
import { newEtag, newEventId } from './ids';
import type { MeetStore } from './meet-store';
import { mergePatch, withoutNulls } from './merge';

type Event = calendar_v3.Schema$Event;

export interface WriteContext {
  store: CalendarStore;
  meet: MeetStore;
  domain: string;
  timeZone: string;
  meetPendingReads(): number;
}

type Mode = 'insert' | 'patch' | 'update';

function writable(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([field]) => !OUTPUT_ONLY.includes(field)));
}

function htmlLink(id: string, owner: string): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${owner}`).toString('base64url')}`;
}

function guestKey(event: Event): string {
  return JSON.stringify((event.attendees ?? []).map((a) => (a.email ?? '').toLowerCase()).sort());
}

/** Calendar raises the sequence when the time or the guest list changes; it never lets a client lower it. */
function nextSequence(before: Event, after: Event, given: unknown): number {
  const current = before.sequence ?? 0;
  if (typeof given === 'number' && given < current) {
    throw badRequest(
      'Invalid sequence value. The specified sequence number is below the current sequence number of the resource.',
    );
  }
  const significant =
    JSON.stringify(before.start) !== JSON.stringify(after.start) ||
    JSON.stringify(before.end) !== JSON.stringify(after.end) ||
    guestKey(before) !== guestKey(after);
  const floor = significant ? current + 1 : current;
  return typeof given === 'number' ? Math.max(given, floor) : floor;
}

export class EventWriter {
  constructor(private readonly ctx: WriteContext) {}

  insert(call: ApiCall, owner: string): EventRecord {
    const input = writable(withoutNulls(call.body ?? {})) as Event;
    const id = input.id ?? newEventId();
    checkEventId(id);
    if (this.ctx.store.get(owner, id) !== undefined) {
      throw new ApiError({
        code: 409,
        status: 'ALREADY_EXISTS',
        message: 'The requested identifier already exists.',
        reason: 'duplicate',
      });
    }
    const now = timestamp(Date.now());
    const draft: Event = {
      ...this.validated(call, input, owner),
      kind: 'calendar#event',
      etag: newEtag(),
      id,
      status: input.status ?? 'confirmed',
      htmlLink: htmlLink(id, owner),
      created: now,
      updated: now,
      creator: { email: owner, self: true },
      organizer: { email: owner, self: true },
      iCalUID: `${id}@google.com`,
      sequence: input.sequence ?? 0,
    };
    const outcome = this.conference(call, input.conferenceData, undefined, owner, id, 'insert');
    const record = this.ctx.store.add(owner, canonicalize(draft), null);
    this.apply(record, outcome);
    notify(this.notifyContext(call, owner, id), undefined, record.event.attendees, 'insert');
    return record;
  }

  /** patch merges the body into the stored event; update replaces everything writable. */
  change(call: ApiCall, owner: string, mode: 'patch' | 'update'): EventRecord {
    const record = this.existing(call, owner);
    const before = record.event;
    const body = writable(call.body ?? {});
    const { conferenceData: conferenceInput, ...rest } = body;
    delete rest.id;
    const base: Record<string, unknown> = { ...before };
    delete base.conferenceData;
    delete base.hangoutLink;
    const merged = (
      mode === 'patch'
        ? mergePatch(base, rest)
        : { ...withoutNulls(rest), status: rest.status ?? before.status }
    ) as Event;
    if (merged.eventType != null && before.eventType != null && merged.eventType !== before.eventType) {
      throw badRequest('The event type cannot be changed.');
    }
    const validated = this.validated(call, merged, owner);
    const draft: Event = {
      ...validated,
      kind: 'calendar#event',
      etag: newEtag(),
      id: before.id ?? null,
      status: validated.status ?? 'confirmed',
      htmlLink: before.htmlLink ?? null,
      created: before.created ?? null,
      updated: timestamp(Date.now()),
      creator: before.creator ?? null,
      organizer: before.organizer ?? null,
      iCalUID: before.iCalUID ?? null,
      sequence: nextSequence(before, validated, rest.sequence),
    };
    if (before.conferenceData != null) draft.conferenceData = before.conferenceData;
    if (before.hangoutLink != null) draft.hangoutLink = before.hangoutLink;
    const outcome = this.conference(
      call,
      conferenceInput as Event['conferenceData'],
      record,
      owner,
      before.id ?? '',
      mode,
    );
    record.event = canonicalize(draft);
    this.apply(record, outcome);
    notify(
      this.notifyContext(call, owner, before.id ?? ''),
      before.attendees,
      record.event.attendees,
      'change',
    );
    return record;
  }

  delete(call: ApiCall, owner: string): void {
    const record = this.existing(call, owner);
    if (record.event.status === 'cancelled') {
      throw new ApiError({
        code: 410,
        status: 'NOT_FOUND',
        message: 'Resource has been deleted',
        reason: 'deleted',
      });
    }
    record.event = { ...record.event, status: 'cancelled', updated: timestamp(Date.now()), etag: newEtag() };
    notify(
      this.notifyContext(call, owner, record.event.id ?? ''),
      record.event.attendees,
      undefined,
      'delete',
    );
  }

  private existing(call: ApiCall, owner: string): EventRecord {
    const record = this.ctx.store.get(owner, call.params.requireString('eventId'));
    if (record === undefined) throw notFound();
    return record;
  }

  private validated(call: ApiCall, event: Event, owner: string): Event {
    checkEventFields(event);
    checkTimes(event, this.ctx.timeZone);
    const attendees = normalizeAttendees(event.attendees ?? undefined, owner);
    if (attendees !== undefined && call.token.kind === 'service-account') {
      throw permissionDenied(
        'Service accounts cannot invite attendees without Domain-Wide Delegation of Authority.',
        'forbiddenForServiceAccounts',
      );
    }
    const out: Event = { ...event };
    delete out.conferenceData;
    if (attendees === undefined) delete out.attendees;
    else out.attendees = attendees;
    return out;
  }

  /** conferenceData counts only with conferenceDataVersion=1; version 0 keeps what the event had. */
  private conference(
    call: ApiCall,
    input: Event['conferenceData'],
    record: EventRecord | undefined,
    owner: string,
    eventId: string,
    mode: Mode,
  ): ConferenceOutcome {
    if (call.params.integer('conferenceDataVersion') !== 1) return { kind: 'keep' };
    return resolveConference(input, record, {
      meet: this.ctx.meet,
      store: this.ctx.store,
      owner,
      eventId,
      mode,
    });
  }

  private apply(record: EventRecord, outcome: ConferenceOutcome): void {
    const event = record.event;
    switch (outcome.kind) {
      case 'keep':
        return;
      case 'remove':
        delete event.conferenceData;
        delete event.hangoutLink;
        record.pendingReads = null;
        record.pendingSpace = null;
        return;
      case 'set':
        event.conferenceData = outcome.data;
        event.hangoutLink = outcome.hangoutLink;
        record.pendingReads = null;
        record.pendingSpace = null;
        return;
      case 'create':
        event.conferenceData = outcome.data;
        delete event.hangoutLink;
        record.pendingReads = this.ctx.meetPendingReads();
        record.pendingSpace = outcome.space;
        return;
    }
  }

  private notifyContext(call: ApiCall, owner: string, eventId: string): Parameters<typeof notify>[0] {
    return {
      owner,
      domain: this.ctx.domain,
      eventId,
      sendUpdates: sendUpdatesOf(call.params),
      out: this.ctx.store.notifications,
    };
  }
}
