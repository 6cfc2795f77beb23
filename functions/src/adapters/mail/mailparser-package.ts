// mailparser, loaded on first use: it costs about 70 ms at every cold start, and only the intake
// functions read mail (the add-on's api requests never do).
import { createRequire } from 'node:module';
import type * as MailparserPackage from 'mailparser';

const load = createRequire(__filename);
let mailparserPackage: typeof MailparserPackage | undefined;

export function mailparser(): typeof MailparserPackage {
  mailparserPackage ??= load('mailparser') as typeof MailparserPackage;
  return mailparserPackage;
}
