// The Calendar v3 event we write for one audience of one part, and how we read one back.
// Every privacy setting is explicit: Calendar's defaults let guests see and invite each other.
import type { calendar_v3 } from '@googleapis/calendar';
import type { MeetDetails } from '../../domain/conference/conference';
import { isoWithOffset } from '../../domain/time/local-time';
import type { EventSpec, ExistingEvent } from '../../ports';

const MEET_HOST = 'https://meet.google.com/';

function conferenceData(meet: EventSpec['meet']): calendar_v3.Schema$ConferenceData {
  if ('create' in meet) {
    // Calendar makes the meeting; the answer is pending until it has.
    return { createRequest: { requestId: meet.create, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
  }
  return {
    conferenceId: meet.meetingCode,
    conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    entryPoints: [
      { entryPointType: 'video', uri: meet.meetingUri, label: meet.meetingUri.replace(/^https:\/\//, '') },
    ],
  };
}

export function eventBody(spec: EventSpec): calendar_v3.Schema$Event {
  const { event } = spec;
  return {
    id: spec.eventId,
    summary: event.title,
    description: spec.description,
    ...(spec.location === null ? {} : { location: spec.location }),
    start: { dateTime: isoWithOffset(event.start), timeZone: event.start.timeZoneId },
    end: { dateTime: isoWithOffset(event.end), timeZone: event.end.timeZoneId },
    attendees: event.guests.map((email) => ({ email })),
    // A parent must never see the other parent's address, nor a professional a family's.
    guestsCanSeeOtherGuests: false,
    guestsCanInviteOthers: false,
    guestsCanModify: false,
    visibility: 'private',
    extendedProperties: { private: { conferenceId: spec.conferenceId, eventKey: event.key } },
    conferenceData: conferenceData(spec.meet),
  };
}

function meetOf(data: calendar_v3.Schema$ConferenceData | undefined, owner: string): ExistingEvent['meet'] {
  if (data === undefined) return null;
  const status = data.createRequest?.status?.statusCode;
  if (status === 'pending') return 'pending';
  const video = data.entryPoints?.find((p) => p.entryPointType === 'video');
  if (data.conferenceId == null || video?.uri == null || !video.uri.startsWith(MEET_HOST)) return null;
  const meet: MeetDetails = {
    space: null,
    meetingCode: data.conferenceId,
    meetingUri: video.uri,
    host: owner,
  };
  return meet;
}

export function readEvent(event: calendar_v3.Schema$Event, owner: string): ExistingEvent {
  return {
    eventId: event.id ?? '',
    cancelled: event.status === 'cancelled',
    conferenceId: event.extendedProperties?.private?.conferenceId ?? undefined,
    meet: meetOf(event.conferenceData ?? undefined, owner),
  };
}
