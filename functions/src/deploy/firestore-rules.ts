// Deploying firestore.rules with the Firebase Rules API, which is what `firebase deploy` calls:
// gcloud has no command for rules, and firebase-tools would need Firebase added to the project
// and a second sign-in. A ruleset is uploaded, then the database's release points at it.
import { gcloud, text, v, type Command } from './commands';

const RULES_API = 'https://firebaserules.googleapis.com/v1';

/** The body of rulesets.create for the rules file as written. */
export function rulesetUpload(rules: string): string {
  return `${JSON.stringify({ source: { files: [{ name: 'firestore.rules', content: rules }] } }, null, 2)}\n`;
}

export function rulesCommands(project: string, upload: string): Command[] {
  // The (default) database's release; the functions use the default database.
  const release = `projects/${project}/releases/cloud.firestore`;
  const releaseBody = text`{"name":"${release}","rulesetName":"${v('RULESET')}"}`;
  return [
    {
      kind: 'write',
      path: text`${v('DEPLOY_DIR')}/firestore.ruleset.json`,
      content: [upload],
      why: 'firestore.rules (every client denied: only the functions’ own account reads Firestore), as the Rules API takes it',
    },
    gcloud(['auth', 'print-access-token'], {
      capture: 'ACCESS_TOKEN',
      secret: true,
      why: 'The Firebase Rules API has no gcloud command; the deploy calls it with your gcloud sign-in',
    }),
    {
      kind: 'http',
      method: 'POST',
      url: `${RULES_API}/projects/${project}/rulesets`,
      quotaProject: project,
      body: { file: text`${v('DEPLOY_DIR')}/firestore.ruleset.json` },
      capture: { into: 'RULESET', field: 'name' },
    },
    {
      kind: 'http',
      method: 'POST',
      url: `${RULES_API}/projects/${project}/releases`,
      quotaProject: project,
      body: { json: releaseBody },
      tolerateExisting: true,
      why: 'Release it to the database: create the release, or (once it exists) point it at the new ruleset',
    },
    {
      kind: 'http',
      method: 'PATCH',
      url: `${RULES_API}/${release}`,
      quotaProject: project,
      body: { json: ['{"release":', ...releaseBody, '}'] },
    },
  ];
}
