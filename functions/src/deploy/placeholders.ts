// The example settings file's placeholders (deploy/deploy.example.json), refused wherever they
// are left: a deploy with them would run for a council that does not exist, or fail halfway
// through at Google. Each problem names the field and the rule, never the value.
import type { Problem } from '../domain/errors';

/**
 * Names kept for examples and tests (RFC 2606, RFC 6761), so no council's mail is ever there:
 * the .example, .invalid, .test and .localhost top-level domains and example.com/.net/.org, and
 * a label "example" anywhere, as in the example's council.example.gov.uk.
 */
export function isPlaceholderDomain(domain: string): boolean {
  const labels = domain.toLowerCase().split('.');
  const top = labels[labels.length - 1] ?? '';
  return ['invalid', 'test', 'localhost'].includes(top) || labels.includes('example');
}

const PLACEHOLDER_DOMAINS = 'example, .invalid, .test and .localhost are kept for examples';

function isPlaceholderAddress(address: unknown): boolean {
  if (typeof address !== 'string') return false;
  const at = address.lastIndexOf('@');
  return at >= 0 && isPlaceholderDomain(address.slice(at + 1));
}

const STILL_EXAMPLE = "is still the example's placeholder";

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Every placeholder left in a council's settings, by field. */
export function placeholderProblems(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const { project, settings } = record(raw);
  const { WORKSPACE_DOMAIN, CALENDAR_OWNER, ADDON_AUDIENCE, ROLE_GRANTS, COORDINATOR_ALERTS } =
    record(settings);
  if (typeof project === 'string' && /example/i.test(project)) {
    problems.push({ field: 'project', message: `${STILL_EXAMPLE}; set your Google Cloud project id` });
  }
  if (typeof WORKSPACE_DOMAIN === 'string' && isPlaceholderDomain(WORKSPACE_DOMAIN)) {
    problems.push({
      field: 'settings.WORKSPACE_DOMAIN',
      message: `is a placeholder domain (${PLACEHOLDER_DOMAINS}); set your council's Google Workspace domain`,
    });
  }
  if (isPlaceholderAddress(CALENDAR_OWNER)) {
    problems.push({
      field: 'settings.CALENDAR_OWNER',
      message: `is at a placeholder domain (${PLACEHOLDER_DOMAINS}); set the unit's shared mailbox, whose calendar sends the invitations`,
    });
  }
  // The example's client id has an all-zero project number; real ones never do.
  if (
    typeof ADDON_AUDIENCE === 'string' &&
    (/^0+-/.test(ADDON_AUDIENCE) || /example/i.test(ADDON_AUDIENCE))
  ) {
    problems.push({
      field: 'settings.ADDON_AUDIENCE',
      message: `${STILL_EXAMPLE}; set the add-on's OAuth client id (Google Cloud console, APIs & Services, Credentials)`,
    });
  }
  for (const [role, addresses] of Object.entries(record(ROLE_GRANTS))) {
    if (!Array.isArray(addresses)) continue;
    addresses.forEach((address: unknown, i) => {
      if (!isPlaceholderAddress(address)) return;
      problems.push({
        field: `settings.ROLE_GRANTS.${role}[${i}]`,
        message: `is at a placeholder domain (${PLACEHOLDER_DOMAINS}); set the address of one of your staff`,
      });
    });
  }
  if (isPlaceholderAddress(COORDINATOR_ALERTS)) {
    problems.push({
      field: 'settings.COORDINATOR_ALERTS',
      message: `is at a placeholder domain (${PLACEHOLDER_DOMAINS}); set the coordinators' mailbox for alerts`,
    });
  }
  return problems;
}
