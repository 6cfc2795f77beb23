// What the add-on's forms need from the council's policy: the choices to offer (types, agencies,
// categories, decisions) with their labels, and which fields each conference type asks for. Made
// from the same rules the service checks against, so a form cannot offer what a booking refuses.
import {
  CONFERENCE_TYPE_LABELS,
  CONFERENCE_TYPES,
  startsAPlan,
  type ConferenceType,
} from '../conference/conference-type';
import { DECISION_OPTIONS, type DecisionOption } from '../outcome/decision-labels';
import { dateFieldUse, MAX_PARTS, type DateField, type FieldUse } from '../timeline/timeline-request';
import type { Policy } from './schema';

export interface Choice {
  readonly id: string;
  readonly label: string;
}

export interface FormSettings {
  readonly council: { readonly id: string; readonly name: string };
  readonly timeZone: string;
  readonly workingHours: { readonly start: string; readonly end: string };
  readonly types: readonly {
    readonly id: ConferenceType;
    readonly label: string;
    readonly dates: Readonly<Record<DateField, FieldUse>>;
    /** Which list of `outcome.decisions` the chair chooses from. */
    readonly decisions: 'initial' | 'review';
  }[];
  readonly agencies: readonly Choice[];
  readonly socialCareAgency: string;
  readonly arrival: { readonly familyMinutesBefore: number; readonly professionalsMinutesBefore: number };
  readonly durationMinutes: Readonly<Record<ConferenceType, number>>;
  readonly maxParts: number;
  readonly outcome: {
    readonly scaling: Policy['scaling'];
    readonly categories: readonly Choice[];
    readonly subCategories: readonly (Choice & { readonly appliesTo: readonly string[] })[];
    readonly decisions: {
      readonly initial: readonly DecisionOption[];
      readonly review: readonly DecisionOption[];
    };
  };
  readonly intake: { readonly inbox: string | null };
}

export function formSettings(policy: Policy): FormSettings {
  return {
    council: { id: policy.id, name: policy.name },
    timeZone: policy.timeZone,
    workingHours: { ...policy.workingHours },
    types: CONFERENCE_TYPES.map((id) => ({
      id,
      label: CONFERENCE_TYPE_LABELS[id],
      dates: dateFieldUse(id),
      decisions: startsAPlan(id) ? 'initial' : 'review',
    })),
    agencies: policy.agencies.map(({ id, label }) => ({ id, label })),
    socialCareAgency: policy.socialCareAgency,
    arrival: {
      familyMinutesBefore: policy.arrival.family.minutesBeforeStart,
      professionalsMinutesBefore: policy.arrival.professionals.minutesBeforeStart,
    },
    durationMinutes: { ...policy.durationMinutes },
    maxParts: MAX_PARTS,
    outcome: {
      scaling: { ...policy.scaling },
      categories: policy.categories.map(({ id, label }) => ({ id, label })),
      subCategories: policy.subCategories.map(({ id, label, appliesTo }) => ({
        id,
        label,
        appliesTo: [...appliesTo],
      })),
      decisions: DECISION_OPTIONS,
    },
    intake: { inbox: policy.reports.inbox },
  };
}
