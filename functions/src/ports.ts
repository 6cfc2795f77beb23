// What the use cases need from the world. Adapters implement these; tests run the use cases
// against any adapter set. Later issues add Calendar, Mailer, Inbox and Clock.
import type { Conference } from './domain/conference/conference';

export interface ConferenceStore {
  /** Creates or replaces the conference under its id. */
  save(conference: Conference): Promise<void>;
  /** The conference, or undefined when there is none with that id. */
  get(id: string): Promise<Conference | undefined>;
}
