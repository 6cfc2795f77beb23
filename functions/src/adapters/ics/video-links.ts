// Video links for councils without Google Meet: a room on the council's own video service named
// by 20 random characters (nothing about the family, and not guessable), or the council's one
// standing Teams or Zoom link when the configured address has no {room} in it.
import { randomInt } from 'node:crypto';
import type { MeetDetails } from '../../domain/conference/conference';
import { AppError } from '../../domain/errors';
import type { MeetGateway } from '../../ports';

/** RFC 4648 base32, lower-cased: 100 bits in 20 characters, none of them easily misread. */
const ROOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ROOM_LENGTH = 20;
const ROOM = '{room}';

/** VIDEO_LINK is not a link the service can give people. */
export class VideoLinkConfigError extends AppError {
  constructor(message: string) {
    super('CONFIG.VIDEO_LINK', message, 500);
  }
}

function roomName(): string {
  let room = '';
  for (let i = 0; i < ROOM_LENGTH; i += 1) room += ROOM_ALPHABET.charAt(randomInt(ROOM_ALPHABET.length));
  return room;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The address with a room in it, or undefined when it is not an http(s) link people can open. */
function webAddress(link: string): URL | undefined {
  // A space or line break would be cut off, or end the property, in the invitation.
  if (/\s/.test(link) || hasControl(link)) return undefined;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? url : undefined;
}

export class VideoLinks implements MeetGateway {
  private readonly template: string;
  /** The standing link's code when the template has no room; undefined when each gets a room. */
  private readonly fixedCode: string | undefined;

  /** `template` is VIDEO_LINK, e.g. https://video.council.gov.uk/room/{room}. */
  constructor(template: string) {
    this.template = template.trim();
    const url = webAddress(this.template.replaceAll(ROOM, roomName()));
    if (url === undefined) {
      throw new VideoLinkConfigError(
        "VIDEO_LINK must be an https:// (or http://) address with {room} where each conference's room name goes, e.g. https://video.council.gov.uk/room/{room}, or the council's one standing meeting link",
      );
    }
    this.fixedCode = this.template.includes(ROOM)
      ? undefined
      : (url.pathname
          .split('/')
          .filter((segment) => segment !== '')
          .at(-1) ?? 'video');
  }

  createSpace(host: string): Promise<MeetDetails> {
    if (this.fixedCode !== undefined) {
      return Promise.resolve({ space: null, meetingCode: this.fixedCode, meetingUri: this.template, host });
    }
    const room = roomName();
    return Promise.resolve({
      space: null,
      meetingCode: room,
      meetingUri: this.template.replaceAll(ROOM, room),
      host,
    });
  }
}
