// Steps 5 to 8: Gmail's push topic and subscription, the scheduled jobs, domain-wide delegation
// (by hand: there is no command for it) and the add-on.
import { CALENDAR_SCOPES } from '../adapters/google/google-calendar';
import { DRAFT_SCOPES } from '../adapters/google/google-drafts';
import { GMAIL_SCOPES } from '../adapters/google/google-gmail';
import { MEET_SCOPES } from '../adapters/google/google-meet';
import { gcloud, text, v, type Arg, type RunCommand, type Step } from './commands';
import type { DeployConfig, PolicySummary } from './deploy-config';
import { functionSpec, type EntryPoint } from './functions';
import { accountEmail, functionUrl, GMAIL_PUSH_PUBLISHER, jobName, TIME_ZONE } from './names';

export function pubsubStep(config: DeployConfig): Step {
  const project = `--project=${config.project}`;
  const { topic, subscription } = config.pubsub;
  const url = functionUrl(config, functionSpec('gmailPush'));
  // The settings both create and update take, so a changed address or account is applied.
  const settings: Arg[] = [
    text`--push-endpoint=${url}`,
    `--push-auth-service-account=${accountEmail(config, 'push')}`,
    text`--push-auth-token-audience=${url}`,
    '--ack-deadline=300',
    '--min-retry-delay=10s',
    '--max-retry-delay=600s',
    '--expiration-period=never',
    project,
  ];
  return {
    heading: "5. Pub/Sub: Gmail's topic and the push to gmail-push",
    commands: [
      gcloud(['pubsub', 'topics', 'create', topic, project], { tolerateExisting: true }),
      gcloud(
        [
          'pubsub',
          'topics',
          'add-iam-policy-binding',
          topic,
          `--member=serviceAccount:${GMAIL_PUSH_PUBLISHER}`,
          '--role=roles/pubsub.publisher',
          project,
        ],
        {
          why: "Gmail's watch publishes as gmail-api-push@system.gserviceaccount.com: publish on this topic only.\n(An organisation policy restricting members to your domain must allow this account.)",
        },
      ),
      gcloud(['pubsub', 'subscriptions', 'create', subscription, `--topic=${topic}`, ...settings], {
        tolerateExisting: true,
        why: [
          'Pushes with an OIDC token as the push account, addressed to gmail-push. The ack deadline outlasts',
          "gmail-push's 240 s; a failed push comes back after 10 s to 10 min; never expires (a quiet inbox",
          'would otherwise lose it after 31 days). Projects made before 8 April 2021 must also grant',
          'service-PROJECT_NUMBER@gcp-sa-pubsub.iam.gserviceaccount.com Token Creator on the push account.',
        ].join('\n'),
      }),
      gcloud(['pubsub', 'subscriptions', 'update', subscription, ...settings], {
        why: 'Applies the same settings when the subscription existed already',
      }),
    ],
  };
}

function job(config: DeployConfig, entryPoint: EntryPoint, schedule: string): RunCommand[] {
  const spec = functionSpec(entryPoint);
  const url = functionUrl(config, spec);
  // Every 5 or 15 minutes, the next run is the retry; renewWatch's daily run retries itself.
  const retries =
    entryPoint === 'renewWatch'
      ? ['--max-retry-attempts=3', '--min-backoff=10m', '--max-backoff=1h']
      : ['--max-retry-attempts=0'];
  const settings: Arg[] = [
    `--location=${config.region}`,
    `--schedule=${schedule}`,
    `--time-zone=${TIME_ZONE}`,
    text`--uri=${url}`,
    '--http-method=post',
    `--oidc-service-account-email=${accountEmail(config, 'scheduler')}`,
    text`--oidc-token-audience=${url}`,
    `--attempt-deadline=${String(spec.timeoutSeconds)}s`,
    ...retries,
    `--project=${config.project}`,
  ];
  return [
    gcloud(['scheduler', 'jobs', 'create', 'http', jobName(spec), ...settings], { tolerateExisting: true }),
    gcloud(['scheduler', 'jobs', 'update', 'http', jobName(spec), ...settings]),
  ];
}

export function schedulerStep(config: DeployConfig): Step {
  const [first, ...rest] = [
    ...job(config, 'sweep', config.schedules.sweep),
    ...job(config, 'reconcile', config.schedules.reconcile),
    ...job(config, 'renewWatch', config.schedules.renewWatch),
  ];
  return {
    heading: '6. Cloud Scheduler: sweep, reconcile and renewWatch',
    commands: [
      ...(first === undefined
        ? []
        : [
            {
              ...first,
              why: `Europe/London times, OIDC as the scheduler account, addressed to each function; each job is created,\nthen updated so a changed schedule or address is applied. The attempt deadline is the function's timeout.`,
            },
          ]),
      ...rest,
    ],
  };
}

/** The domain-wide delegation scopes, from the adapters that use them (not copied). */
export function delegationScopes(policy: PolicySummary): string[] {
  return [
    ...CALENDAR_SCOPES,
    // A council whose Calendar makes the Meet never calls the Meet API.
    ...(policy.meetCreatedBy === 'meet-api' ? MEET_SCOPES : []),
    ...GMAIL_SCOPES,
    ...DRAFT_SCOPES,
  ];
}

export function delegationStep(config: DeployConfig, policy: PolicySummary): Step {
  const runtime = accountEmail(config, 'runtime');
  const renew = jobName(functionSpec('renewWatch'));
  return {
    heading: '7. Domain-wide delegation (by hand: a Google Workspace super admin)',
    commands: [
      gcloud(
        [
          'iam',
          'service-accounts',
          'describe',
          runtime,
          '--format=value(oauth2ClientId)',
          `--project=${config.project}`,
        ],
        {
          capture: 'RUNTIME_CLIENT_ID',
          why: "The runtime account's OAuth client id, which the Admin console asks for",
        },
      ),
      {
        kind: 'note',
        lines: [
          [
            'There is no command for this. In the Admin console (admin.google.com): Security > Access and data control',
          ],
          ['> API controls > Manage domain-wide delegation > Add new, then'],
          text`  Client ID:    ${v('RUNTIME_CLIENT_ID')}`,
          [`  OAuth scopes: ${delegationScopes(policy).join(',')}`],
          [
            `It acts as ${config.settings.CALENDAR_OWNER} (calendar), the request inbox ${policy.inbox} and the chairs.`,
          ],
          ['Once it is saved, start the request inbox watch (renewWatch renews it daily after that):'],
          [`  gcloud scheduler jobs run ${renew} --location=${config.region} --project=${config.project}`],
        ],
      },
    ],
  };
}

export function addonStep(config: DeployConfig): Step {
  return {
    heading: '8. The add-on',
    commands: [
      {
        kind: 'run',
        program: 'npm',
        args: ['run', 'addon:push'],
        env: { ADDON_SERVICE_URL: text`${v('API_URL')}` },
        why: "Builds the add-on for api's address and pushes it with clasp (addon/.clasp.json; npx clasp login once)",
      },
      {
        kind: 'note',
        lines: [
          ['In the Apps Script project settings, set the script properties'],
          text`  SERVICE_URL = ${v('API_URL')}`,
          [`  SERVICE_AUDIENCE = ${config.settings.ADDON_AUDIENCE}`],
          [
            'Then Deploy > New deployment (Add-on), and publish it privately to your domain with the Google Workspace',
          ],
          [
            'Marketplace SDK in its Cloud project; an admin installs it for the coordinators, managers and chairs',
          ],
          [
            '(Admin console > Apps > Google Workspace Marketplace apps), or each tests it via Deploy > Test deployments.',
          ],
        ],
      },
    ],
  };
}
