// Quorum: the social worker and professionals from two other agencies (by default), from RSVPs.
import { loadPreset, presets } from '../../functions/src/domain/policy/presets';
import { resolvePolicy } from '../../functions/src/domain/policy/resolve-policy';
import { assessQuorum, type QuorumAttendee, type Rsvp } from '../../functions/src/domain/quorum';

const policy = loadPreset('working-together-2023');
const sw = (rsvp: Rsvp): QuorumAttendee => ({ role: 'social-worker', agency: 'childrens-social-care', rsvp });
const pro = (agency: string, rsvp: Rsvp): QuorumAttendee => ({ role: 'professional', agency, rsvp });

describe('assessing quorum from the invitations', () => {
  test('quorate when the social worker and two professionals from different agencies have accepted', () => {
    const q = assessQuorum([sw('accepted'), pro('police', 'accepted'), pro('health', 'accepted')], policy);
    expect(q.state).toBe('quorate');
    expect(q.confirmedAgencies).toEqual(['health', 'police']);
    expect(q.missing).toEqual([]);
  });

  test('two professionals from the same agency are not quorate', () => {
    // A GP and a health visitor are both health.
    const q = assessQuorum([sw('accepted'), pro('health', 'accepted'), pro('health', 'accepted')], policy);
    expect(q.state).toBe('cannot');
    expect(q.missing).toEqual([
      '1 more agency besides childrens-social-care must accept; no other agency is still expected.',
    ]);
  });

  test('at risk while quorum depends on replies not yet given', () => {
    const q = assessQuorum(
      [sw('accepted'), pro('police', 'accepted'), pro('school', 'needs-action')],
      policy,
    );
    expect(q.state).toBe('at-risk');
    expect(q.missing).toEqual(['1 more agency besides childrens-social-care must accept; awaiting school.']);
  });

  test('a tentative reply is not an acceptance', () => {
    expect(
      assessQuorum([sw('accepted'), pro('police', 'accepted'), pro('school', 'tentative')], policy).state,
    ).toBe('at-risk');
  });

  test('at risk while the social worker has not accepted', () => {
    const q = assessQuorum(
      [sw('needs-action'), pro('police', 'accepted'), pro('school', 'accepted')],
      policy,
    );
    expect(q.state).toBe('at-risk');
    expect(q.missing).toEqual(['The social worker has not accepted yet.']);
  });

  test('cannot be quorate once the social worker declines', () => {
    const q = assessQuorum([sw('declined'), pro('police', 'accepted'), pro('school', 'accepted')], policy);
    expect(q.state).toBe('cannot');
    expect(q.missing).toEqual(['The social worker has declined.']);
  });

  test('cannot be quorate when no social worker is invited', () => {
    const q = assessQuorum([pro('police', 'accepted'), pro('school', 'accepted')], policy);
    expect(q.missing).toEqual(['No social worker is invited.']);
    expect(q.state).toBe('cannot');
  });

  test('declines that leave too few agencies make it impossible, naming the agencies that declined', () => {
    const q = assessQuorum(
      [sw('accepted'), pro('police', 'declined'), pro('school', 'declined'), pro('health', 'accepted')],
      policy,
    );
    expect(q.state).toBe('cannot');
    expect(q.declinedAgencies).toEqual(['police', 'school']);
    expect(q.missing[0]).toContain('declined: police, school');
  });

  test('an agency is still expected while one of its professionals has not declined', () => {
    const q = assessQuorum(
      [sw('accepted'), pro('police', 'declined'), pro('police', 'needs-action'), pro('school', 'accepted')],
      policy,
    );
    expect(q.state).toBe('at-risk');
    expect(q.declinedAgencies).toEqual([]);
  });

  test('another social care worker, the chair and the family do not count towards the other agencies', () => {
    const q = assessQuorum(
      [
        sw('accepted'),
        pro('childrens-social-care', 'accepted'),
        pro('police', 'accepted'),
        { role: 'chair', rsvp: 'accepted' },
        { role: 'family', rsvp: 'accepted' },
      ],
      policy,
    );
    expect(q.state).toBe('cannot');
    expect(q.possibleAgencies).toEqual(['police']);
  });

  test('the number of agencies is policy: a council needing three', () => {
    const three = resolvePolicy(
      { id: 'three-agencies', extends: 'working-together-2023', quorum: { otherAgencies: 3 } },
      presets,
      'test',
    );
    const attendees = [sw('accepted'), pro('police', 'accepted'), pro('health', 'accepted')];
    expect(assessQuorum(attendees, policy).state).toBe('quorate');
    expect(assessQuorum(attendees, three).state).toBe('cannot');
  });
});
