// Video links without Google Meet: a fresh unguessable room per conference from the council's
// template, or its one standing link; a template people could not open is refused at start-up.
import { VideoLinkConfigError, VideoLinks } from '../../../functions/src/adapters/ics/video-links';
import { AppError } from '../../../functions/src/domain/errors';

const CHAIR = 'chair.one@hackney.gov.uk';

describe('VideoLinks', () => {
  it('puts a new 20-character base32 room into the template for each conference', async () => {
    const links = new VideoLinks('https://video.hackney.gov.uk/room/{room}');
    const first = await links.createSpace(CHAIR);
    const second = await links.createSpace(CHAIR);
    expect(first.meetingCode).toMatch(/^[a-z2-7]{20}$/);
    expect(first).toEqual({
      space: null,
      meetingCode: first.meetingCode,
      meetingUri: `https://video.hackney.gov.uk/room/${first.meetingCode}`,
      host: CHAIR,
    });
    expect(second.meetingCode).not.toBe(first.meetingCode);
  });

  it('draws rooms from the whole alphabet, never the same twice in a thousand', async () => {
    const links = new VideoLinks('https://video.hackney.gov.uk/{room}');
    const rooms = await Promise.all(Array.from({ length: 1000 }, () => links.createSpace(CHAIR)));
    const codes = rooms.map((r) => r.meetingCode);
    expect(new Set(codes).size).toBe(1000);
    expect(new Set(codes.join('')).size).toBe(32);
  });

  it('fills every {room} in the template, query string included', async () => {
    const links = new VideoLinks('https://meet.hackney.gov.uk/{room}?name={room}&lobby=on');
    const { meetingCode, meetingUri } = await links.createSpace(CHAIR);
    expect(meetingUri).toBe(`https://meet.hackney.gov.uk/${meetingCode}?name=${meetingCode}&lobby=on`);
  });

  it('gives the standing link as it is, coded by its last path segment', async () => {
    const standing =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d';
    const links = new VideoLinks(standing);
    expect(await links.createSpace(CHAIR)).toEqual({
      space: null,
      meetingCode: '0',
      meetingUri: standing,
      host: CHAIR,
    });
    expect(
      (await new VideoLinks('https://zoom.us/j/81234567890?pwd=abc').createSpace(CHAIR)).meetingCode,
    ).toBe('81234567890');
  });

  it("codes a standing link with no path as 'video'", async () => {
    expect((await new VideoLinks('https://video.hackney.gov.uk').createSpace(CHAIR)).meetingCode).toBe(
      'video',
    );
  });

  it.each([
    ['empty', ''],
    ['not a link', 'video room {room}'],
    ['not a web address', 'ftp://files.hackney.gov.uk/{room}'],
    ['a script', 'javascript:alert(1)//{room}'],
    ['broken by a line break', 'https://video.hackney.gov.uk/\r\n{room}'],
    ['relative', '/room/{room}'],
  ])('refuses a VIDEO_LINK that is %s, naming the setting', (_, template) => {
    let thrown: unknown;
    try {
      new VideoLinks(template);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VideoLinkConfigError);
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'CONFIG.VIDEO_LINK', status: 500 });
    expect((thrown as Error).message).toMatch(/^VIDEO_LINK must be an https:\/\//);
  });
});
