// A conference as the add-on receives it: times ISO 8601 with offset, the Meet link, each
// event's audience and times. Staff-facing, so invitees' addresses are included.
import { plannedEvents } from '../domain/conference/calendar-plan';
import type { Conference } from '../domain/conference/conference';
import { isoWithOffset } from '../domain/time/local-time';
import { timelineToJson, type TimelineJson } from '../domain/timeline/timeline-json';
import type { AuditEntry } from '../ports';

export interface ConferenceJson {
  reference: string;
  status: Conference['status'];
  type: Conference['request']['type'];
  start: string;
  end: string;
  venue: string | null;
  meet: { joinUrl: string; code: string; restricted: boolean } | null;
  invitees: Conference['invitees'];
  children: Conference['children'];
  events: { audience: string; part: number; eventId: string; arrive: string; end: string; guests: number }[];
  timeline: TimelineJson;
  outsideTimescaleReason: string | null;
  history: { status: string; at: string; by: string; reason: string | null }[];
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export function conferenceToJson(conference: Conference): ConferenceJson {
  const live = new Map(conference.events.filter((e) => e.state === 'created').map((e) => [e.key, e.eventId]));
  return {
    reference: conference.reference,
    status: conference.status,
    type: conference.request.type,
    start: isoWithOffset(conference.timeline.start),
    end: isoWithOffset(conference.timeline.end),
    venue: conference.venue,
    meet:
      conference.meet === null
        ? null
        : {
            joinUrl: conference.meet.meetingUri,
            code: conference.meet.meetingCode,
            restricted: conference.meet.space !== null,
          },
    invitees: conference.invitees,
    children: conference.children,
    events: plannedEvents(conference).flatMap((event) => {
      const eventId = live.get(event.key);
      return eventId === undefined
        ? []
        : [
            {
              audience: event.audience,
              part: event.part,
              eventId,
              arrive: isoWithOffset(event.start),
              end: isoWithOffset(event.end),
              guests: event.guests.length,
            },
          ];
    }),
    timeline: timelineToJson(conference.timeline),
    outsideTimescaleReason: conference.outsideTimescaleReason,
    history: conference.history.map((h) => ({ ...h, at: h.at.toString() })),
    revision: conference.revision,
    createdBy: conference.createdBy,
    createdAt: conference.createdAt.toString(),
    updatedAt: conference.updatedAt.toString(),
  };
}

export function auditToJson(entries: readonly AuditEntry[]): object[] {
  return entries.map((e) => ({ ...e, at: e.at.toString() }));
}
