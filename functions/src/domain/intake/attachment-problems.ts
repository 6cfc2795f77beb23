// Attachments that must not be filed without a person looking: types that can carry code
// (executables, scripts, macro-enabled Office files), archives the service cannot see into or
// that are password-protected (a common way to get malware past scanners), and Outlook's
// winmail.dat, which hides the real attachments. Judged by name, declared type and the bytes.
import { nameRisk, typeRisk } from './attachment-risk';
import type { AttachmentFacts, AttachmentFinding } from './inbound-message';
import type { HoldReason } from './report';

const FINDINGS: Record<AttachmentFinding, string> = {
  'executable-content': 'is a program (its contents are executable code)',
  'macro-project': 'contains Office macros, which can run code when opened',
  'encrypted-archive': 'is a password-protected archive, which cannot be checked for harmful content',
  'risky-archive-entry': 'is an archive holding a program, script or macro-enabled file',
  'uninspectable-archive': 'is an archive the service cannot look inside (7z or RAR)',
  tnef: 'is an Outlook winmail.dat: the real attachments are inside it and cannot be checked',
  'active-content':
    'is a web page, drawing or data file with active content (script, event handlers, javascript: links or external entities)',
  'pdf-actions': 'is a PDF with JavaScript, a launch action, embedded files or rich media',
  'disguised-content': 'is a web page, drawing or data file behind the name or type of a document',
  'nested-archive': 'is an archive holding another archive or an email, whose contents cannot be checked',
  'nested-too-deep': 'is an email attached inside attached emails deeper than the service opens',
  'unreadable-message': 'is an attached email the service could not open to check what it carries',
};

const NAME_RISKS = {
  executable: 'is a program or script by its name',
  'macro-enabled': 'is a macro-enabled Office file, which can run code when opened',
  disguised: 'has a second, hidden file type in its name (such as report.pdf.exe)',
} as const;

/** What is wrong with one attachment, in words, or an empty list. */
export function attachmentRisks(attachment: AttachmentFacts): string[] {
  const risks = new Set<string>();
  if (attachment.filename !== null) {
    const byName = nameRisk(attachment.filename);
    if (byName !== null) risks.add(NAME_RISKS[byName]);
  }
  const byType = typeRisk(attachment.contentType);
  if (byType !== null) risks.add(NAME_RISKS[byType]);
  for (const finding of attachment.findings) risks.add(FINDINGS[finding]);
  return [...risks];
}

export function attachmentProblems(attachments: readonly AttachmentFacts[]): HoldReason[] {
  return attachments.flatMap((attachment, index) => {
    const risks = attachmentRisks(attachment);
    if (risks.length === 0) return [];
    // The file name is what the sender typed: it can be shown to the coordinator, never logged.
    const name = attachment.filename === null ? `Attachment ${index + 1}` : `"${attachment.filename}"`;
    return [
      {
        code: 'risky-attachment' as const,
        message: `${name} ${risks.join('; it ')}. Do not open it; check with the sender and ask IT before filing.`,
      },
    ];
  });
}
