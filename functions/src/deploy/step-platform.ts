// Steps 1 to 3: the APIs, the service accounts with the least each needs, and Firestore.
import { gcloud, type Step } from './commands';
import type { DeployConfig } from './deploy-config';
import { indexArgs, type CompositeIndex } from './firestore-indexes';
import { rulesCommands, rulesetUpload } from './firestore-rules';
import { accountEmail, type AccountRole } from './names';

/** Only what is used, each with its reason. No Eventarc: Pub/Sub pushes straight to gmailPush. */
export const APIS: readonly (readonly [api: string, why: string])[] = [
  ['cloudfunctions.googleapis.com', 'the functions'],
  ['run.googleapis.com', 'gen2 functions run as Cloud Run services'],
  ['cloudbuild.googleapis.com', 'builds the functions from source'],
  ['artifactregistry.googleapis.com', "keeps the built images, in the functions' region"],
  ['iam.googleapis.com', 'the service accounts'],
  ['iamcredentials.googleapis.com', 'signJwt: keyless domain-wide delegation'],
  ['cloudresourcemanager.googleapis.com', "the project's number and IAM policy"],
  ['firestore.googleapis.com', 'the database'],
  ['firebaserules.googleapis.com', 'deploys firestore.rules'],
  ['pubsub.googleapis.com', "Gmail's notifications of the request inbox"],
  ['cloudscheduler.googleapis.com', 'runs sweep, reconcile and renewWatch'],
  ['gmail.googleapis.com', "the request inbox, the outbox, the chairs' drafts"],
  ['calendar-json.googleapis.com', "the invitations on the unit mailbox's calendar"],
  ['meet.googleapis.com', "the conference's Meet space"],
];

export function apisStep(config: DeployConfig): Step {
  return {
    heading: '1. Enable APIs',
    commands: [
      gcloud(['services', 'enable', ...APIS.map(([api]) => api), `--project=${config.project}`], {
        why: [
          'Only what is used (no Eventarc: Pub/Sub pushes straight to gmailPush):',
          ...APIS.map(([api, why]) => `  ${api}: ${why}`),
        ].join('\n'),
      }),
      gcloud(['projects', 'describe', config.project, '--format=value(projectNumber)'], {
        capture: 'PROJECT_NUMBER',
        why: "The project number makes each function's address predictable: https://NAME-NUMBER.REGION.run.app",
      }),
    ],
  };
}

const DISPLAY_NAMES: Readonly<Record<AccountRole, string>> = {
  runtime: 'Conference Desk functions and domain-wide delegation',
  push: 'Conference Desk Pub/Sub push to gmail-push',
  scheduler: 'Conference Desk Cloud Scheduler jobs',
  build: 'Conference Desk function builds',
};

export function serviceAccountsStep(config: DeployConfig): Step {
  const project = `--project=${config.project}`;
  const runtime = accountEmail(config, 'runtime');
  const roles = Object.keys(DISPLAY_NAMES) as AccountRole[];
  return {
    heading: '2. Service accounts and least-privilege IAM',
    commands: [
      ...roles.map((role) =>
        gcloud(
          [
            'iam',
            'service-accounts',
            'create',
            config.serviceAccounts[role],
            `--display-name=${DISPLAY_NAMES[role]}`,
            project,
          ],
          { tolerateExisting: true },
        ),
      ),
      gcloud(
        [
          'projects',
          'add-iam-policy-binding',
          config.project,
          `--member=serviceAccount:${runtime}`,
          '--role=roles/datastore.user',
          '--condition=None',
        ],
        {
          retryWhileMissing: true,
          why: 'The functions read and write Firestore, and nothing else of the project',
        },
      ),
      gcloud(
        [
          'iam',
          'service-accounts',
          'add-iam-policy-binding',
          runtime,
          `--member=serviceAccount:${runtime}`,
          '--role=roles/iam.serviceAccountTokenCreator',
          project,
        ],
        {
          retryWhileMissing: true,
          why: 'It is also the delegation account and signs its own JWTs with IAM signJwt (no key file):\nToken Creator on itself only',
        },
      ),
      gcloud(
        [
          'projects',
          'add-iam-policy-binding',
          config.project,
          `--member=serviceAccount:${accountEmail(config, 'build')}`,
          '--role=roles/cloudbuild.builds.builder',
          '--condition=None',
        ],
        {
          retryWhileMissing: true,
          why: 'Builds run as their own account, not a default one that may hold Editor.\nThe push and scheduler accounts get run.invoker on their functions alone in step 4.',
        },
      ),
    ],
  };
}

export function firestoreStep(config: DeployConfig, indexes: readonly CompositeIndex[], rules: string): Step {
  const project = `--project=${config.project}`;
  return {
    heading: '3. Firestore: the database, its indexes and its rules',
    commands: [
      gcloud(
        [
          'firestore',
          'databases',
          'create',
          `--location=${config.region}`,
          '--type=firestore-native',
          '--delete-protection',
          project,
        ],
        {
          tolerateExisting: true,
          why: 'Native mode in the region (it cannot move later), protected from deletion: it holds case records',
        },
      ),
      ...indexes.map((index, i) =>
        gcloud(['firestore', 'indexes', 'composite', 'create', ...indexArgs(index), '--async', project], {
          tolerateExisting: true,
          ...(i === 0
            ? {
                why: 'Every index in firestore.indexes.json, read from the file; they build in the background',
              }
            : {}),
        }),
      ),
      { kind: 'tempdir', into: 'DEPLOY_DIR', why: 'A private folder for the files the commands below read' },
      ...rulesCommands(config.project, rulesetUpload(rules)),
    ],
  };
}
