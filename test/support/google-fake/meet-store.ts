// Meet spaces, whether created through the Meet API or by a Calendar conference createRequest.
// Which way matters: the meetings.space.created scope reaches only spaces the app created itself.
import type { meet_v2 } from '@googleapis/meet';
import { newMeetingCode, newSpaceId } from './ids';

export type Space = meet_v2.Schema$Space;
export type SpaceConfig = meet_v2.Schema$SpaceConfig;

export interface SpaceRecord {
  space: Space;
  owner: string;
  createdVia: 'meet-api' | 'calendar';
}

/** The organisation defaults Google reports in place of *_UNSPECIFIED values. */
export function normalizeConfig(config: SpaceConfig | undefined): SpaceConfig {
  const given = Object.fromEntries(
    Object.entries(config ?? {}).filter(([, v]) => typeof v !== 'string' || !v.endsWith('_UNSPECIFIED')),
  );
  return { accessType: 'TRUSTED', entryPointAccess: 'ALL', ...given };
}

export class MeetStore {
  private readonly byId = new Map<string, SpaceRecord>();

  create(owner: string, config: SpaceConfig | undefined, createdVia: SpaceRecord['createdVia']): SpaceRecord {
    let code = newMeetingCode();
    while (this.findByCode(code) !== undefined) code = newMeetingCode();
    const space: Space = {
      name: `spaces/${newSpaceId()}`,
      meetingUri: `https://meet.google.com/${code}`,
      meetingCode: code,
      config: normalizeConfig(config),
    };
    const record: SpaceRecord = { space, owner, createdVia };
    this.byId.set(space.name ?? '', record);
    return record;
  }

  /** `spaces/{id}` (case-sensitive) or `spaces/{meetingCode}` (case-insensitive), as spaces.get accepts. */
  findByName(name: string, allowMeetingCode: boolean): SpaceRecord | undefined {
    const exact = this.byId.get(name);
    if (exact !== undefined || !allowMeetingCode) return exact;
    return this.findByCode(name.slice('spaces/'.length));
  }

  findByCode(code: string): SpaceRecord | undefined {
    const wanted = code.toLowerCase();
    return [...this.byId.values()].find((r) => r.space.meetingCode === wanted);
  }

  all(): SpaceRecord[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}
