// The conference's facts in the Children in Need census's field names.
import { Temporal } from 'temporal-polyfill';
import { censusFields } from '../../../functions/src/domain/conference/census';
import { parseTimelineRequest } from '../../../functions/src/domain/timeline/plan-timeline';

const on = (text: string) => Temporal.PlainDate.from(text);

describe('census fields', () => {
  test('an initial conference: the strategy discussion, the 15-working-day target and the date held', () => {
    const request = parseTimelineRequest({
      type: 'initial',
      start: '2026-12-14T10:00',
      strategyDiscussion: '2026-12-14',
    });
    expect(censusFields(request, on('2026-12-14'))).toEqual({
      S47ActualStartDate: '2026-12-14',
      InitialCPCtarget: '2027-01-07',
      DateOfInitialCPC: '2026-12-14',
    });
  });

  test("a pre-birth conference keeps DfE's target even when the pregnancy limit is the earlier one", () => {
    const request = parseTimelineRequest({
      type: 'pre-birth',
      start: '2027-02-26T10:00',
      expectedBirth: '2027-05-24',
      strategyDiscussion: '2027-02-15',
    });
    expect(censusFields(request, on('2027-02-26')).InitialCPCtarget).toBe('2027-03-08');
  });

  test('a transfer-in conference is an initial conference in the census', () => {
    const request = parseTimelineRequest({ type: 'transfer-in', start: '2026-11-20T10:00' });
    expect(censusFields(request, on('2026-11-20'))).toEqual({ DateOfInitialCPC: '2026-11-20' });
  });

  test('a review records only its date', () => {
    const request = parseTimelineRequest({
      type: 'review',
      start: '2026-11-20T10:00',
      previousConference: '2026-08-20',
    });
    expect(censusFields(request, on('2026-11-20'))).toEqual({ CPPreviewDate: '2026-11-20' });
  });
});
