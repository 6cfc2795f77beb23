// A message a coordinator asked for ("send a reminder now") is not the plan's: a re-plan neither
// moves nor withdraws it, and the sweep does not skip it as re-planned; cancelling the conference
// withdraws it like everything else still to go.
import { Temporal } from 'temporal-polyfill';
import type { Conference } from '../../../functions/src/domain/conference/conference';
import { newEntry, recipientOf, versionOf } from '../../../functions/src/domain/outbox/outbox-entry';
import { planChanges, planMessages } from '../../../functions/src/domain/outbox/plan-outbox';
import { skipReason } from '../../../functions/src/domain/outbox/sweep-rules';
import { loadPreset } from '../../../functions/src/domain/policy/presets';
import { COORDINATOR, draftConference, NOW } from '../../support/bookings';

const ctx = { policy: loadPreset('hackney'), coordinator: COORDINATOR };
const booked: Conference = { ...draftConference(), reference: 'CPC-7F3K', status: 'booked' };
const asked = (requestedBy: string | undefined) =>
  newEntry(
    booked.id,
    booked.reference,
    {
      kind: 'report-reminder',
      recipient: recipientOf('professional', 'dc.one@police.example.org', 'police'),
      version: versionOf(NOW, 'on-request'),
      dueAt: NOW,
      expiresAt: booked.timeline.reportDue.toInstant(),
      catchUp: true,
    },
    'inbox@hackney.gov.uk',
    NOW,
    requestedBy === undefined ? {} : { requestedBy },
  );

describe('a reminder asked for now', () => {
  test('is left alone by a re-plan, which withdraws the same entry when the plan made it', () => {
    const planned = planMessages(booked, null, ctx);
    expect(planChanges(booked, planned, [asked(COORDINATOR)], NOW).cancel).toEqual([]);
    expect(planChanges(booked, planned, [asked(undefined)], NOW).cancel).toEqual([
      { id: asked(undefined).id, reason: 'replanned' },
    ]);
  });

  test('is withdrawn when the conference is cancelled', () => {
    const cancelled: Conference = { ...booked, status: 'cancelled' };
    expect(planChanges(cancelled, [], [asked(COORDINATOR)], NOW).cancel).toEqual([
      { id: asked(COORDINATOR).id, reason: 'conference-cancelled' },
    ]);
  });

  test('is sent by the sweep unless its report arrived or its time passed', () => {
    const facts = { conference: booked, outcome: null, reports: null, now: NOW };
    expect(skipReason(asked(COORDINATOR), facts, ctx)).toBeNull();
    expect(skipReason(asked(undefined), facts, ctx)).toBe('replanned');
    const late = { ...facts, now: Temporal.Instant.from('2026-12-05T09:00:00Z') };
    expect(skipReason(asked(COORDINATOR), late, ctx)).toBe('too-late');
  });
});
