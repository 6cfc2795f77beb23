// London Borough of Hackney, from its guide for professionals (seed 000).
import type { PolicyOverride } from './policy-override';

export const hackney = {
  id: 'hackney',
  extends: 'working-together-2023',
  name: 'London Borough of Hackney',
  reports: {
    inbox: 'childprotectioninvitereportrequest@hackney.gov.uk',
    due: {
      initial: { amount: 3, unit: 'calendar-days' },
      review: { amount: 5, unit: 'calendar-days' },
      'pre-birth': { amount: 3, unit: 'calendar-days' },
      'transfer-in': { amount: 3, unit: 'calendar-days' },
    },
    familyShare: { due: 'with-report', exemptAgencies: [] },
    per: 'person',
  },
  arrival: {
    family: { minutesBeforeStart: 30 },
    professionals: { minutesBeforeStart: 0 },
  },
  feedback: { request: true },
  contacts: {
    complaints: [
      {
        name: 'Sam Duggan',
        role: 'Service Manager, Safeguarding and Reviewing',
        email: 'sam.duggan@hackney.gov.uk',
        phone: '020 8356 5443',
      },
      {
        name: 'Marissa Gardner-Wright',
        role: 'Service Manager, Safeguarding and Reviewing',
        email: 'Marissa.Gardner-Wright@Hackney.gov.uk',
        phone: '07483 431 368',
      },
      {
        name: 'Children and Families Complaints Team',
        role: 'If the Service Manager has not resolved the complaint',
        email: 'children.complaints@hackney.gov.uk',
        phone: '020 8356 5800',
      },
    ],
  },
  sources: {
    'reports.inbox':
      'Seed 000: "Reports must be submitted to childprotectioninvitereportrequest@hackney.gov.uk."',
    'reports.due':
      'Seed 000: "at least 3 days before an Initial Child Protection Conference and 5 days before a Review". Pre-birth and transfer-in are initial conferences.',
    'reports.familyShare': 'Seed 000: "prepare a report and talk through it with the family and share it".',
    'reports.per':
      'Seed 000: "When you are invited to a Child Protection Conference, you will be asked to prepare a report": each professional invited owes one.',
    'arrival.family': 'Seed 000: the invite time is the time the Chair will be meeting with a parent.',
    'arrival.professionals': 'Seed 000: "professionals are not to join the meeting until 10:30am or 2:30pm".',
    feedback:
      'Seed 000: "We would appreciate your feedback following the Conference". The link is not in the seed, nor an address for replies: they go to the coordinator’s mailbox (feedback.replyTo null), never to the report inbox.',
    contacts: 'Seed 000: Complaints section.',
  },
} as const satisfies PolicyOverride;
