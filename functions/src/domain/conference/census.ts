// The conference's facts in the Children in Need census's own field names, so a council's
// census return (and Ofsted's Annex A lists) can be read off the store without keying anything twice.
import type { Temporal } from 'temporal-polyfill';
import { workingCalendar } from '../calendar/working-days';
import { startsAPlan } from './conference-type';
import type { TimelineRequest } from '../timeline/timeline-request';

export interface CensusFields {
  /** The strategy discussion that started the section 47 enquiry. */
  S47ActualStartDate?: string;
  /**
   * DfE's target for the initial conference: 15 working days after S47ActualStartDate. This is
   * the census definition (England), whatever stricter limit a council's policy or a pre-birth
   * rule sets, so it is computed here rather than taken from the timeline's binding limit.
   */
  InitialCPCtarget?: string;
  /** The day of an initial conference (pre-birth and transfer-in conferences included). */
  DateOfInitialCPC?: string;
  /** The day of a review conference. */
  CPPreviewDate?: string;
}

const CENSUS_TARGET_WORKING_DAYS = 15;

export function censusFields(request: TimelineRequest, heldOn: Temporal.PlainDate): CensusFields {
  const census: CensusFields = {};
  if (request.strategyDiscussion !== undefined) {
    census.S47ActualStartDate = request.strategyDiscussion.toString();
    census.InitialCPCtarget = workingCalendar('england-and-wales')
      .addWorkingDays(request.strategyDiscussion, CENSUS_TARGET_WORKING_DAYS)
      .toString();
  }
  if (startsAPlan(request.type)) census.DateOfInitialCPC = heldOn.toString();
  else census.CPPreviewDate = heldOn.toString();
  return census;
}
