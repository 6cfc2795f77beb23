// What is still missing for quorum, in a coordinator's words: agencies by the council's labels
// ("Police", not "police"), for the conference card. The assessment itself is assessQuorum's.
import type { Policy } from './policy/schema';
import type { QuorumAssessment } from './quorum';

export function quorumMissingInWords(
  q: QuorumAssessment,
  policy: Pick<Policy, 'quorum' | 'socialCareAgency' | 'agencies'>,
): string[] {
  if (q.state === 'quorate') return [];
  const label = (id: string): string => policy.agencies.find((a) => a.id === id)?.label ?? id;
  const lines: string[] = [];
  if (policy.quorum.socialWorker && !q.socialWorker.confirmed) {
    lines.push(
      q.socialWorker.possible ? 'The social worker has not accepted yet.' : 'The social worker has declined.',
    );
  }
  const short = policy.quorum.otherAgencies - q.confirmedAgencies.length;
  if (short > 0) {
    const pending = q.possibleAgencies.filter((id) => !q.confirmedAgencies.includes(id)).map(label);
    let line = `${short} more agenc${short === 1 ? 'y' : 'ies'} besides ${label(policy.socialCareAgency)} must accept`;
    line += pending.length > 0 ? `; awaiting ${pending.join(', ')}` : '; no other agency is still expected';
    if (q.declinedAgencies.length > 0) line += `; declined: ${q.declinedAgencies.map(label).join(', ')}`;
    lines.push(`${line}.`);
  }
  return lines;
}
