// Drafts in a chair's own Gmail (users.drafts.create, acting as the chair through domain-wide
// delegation with gmail.compose only: the service can write drafts there, never read their mail).
// Drafts have no idempotency key either: each carries our own Message-ID, and a retry after an
// uncertain failure lists the chair's drafts for it (rfc822msgid:) before creating another.
import type { gmail_v1 } from '@googleapis/gmail';
import type { DraftGateway, DraftMail } from '../../ports';
import type { Delegation } from './delegation';
import { toAppError } from './google-errors';
import { gmailClients } from './lazy-clients';
import { draftMime } from '../mail/compose-mail';
import { writeOnceWithRetry, type RetryPolicy } from './retry';

/** Create and find drafts in the chair's mailbox; gmail.compose cannot read their messages. */
export const DRAFT_SCOPES = ['https://www.googleapis.com/auth/gmail.compose'] as const;

export interface GoogleDraftsOptions {
  readonly delegation: Delegation;
  readonly retry: RetryPolicy;
  readonly rootUrl?: string;
  readonly timeoutMs?: number;
  readonly onCall?: (operation: string) => void;
}

export class GoogleDrafts implements DraftGateway {
  constructor(private readonly options: GoogleDraftsOptions) {}

  private api(owner: string): gmail_v1.Gmail {
    return gmailClients().gmail({
      version: 'v1',
      auth: this.options.delegation.clientFor(owner, DRAFT_SCOPES),
      retry: false,
      timeout: this.options.timeoutMs ?? 20_000,
      ...(this.options.rootUrl === undefined ? {} : { rootUrl: this.options.rootUrl }),
    });
  }

  private async find(
    owner: string,
    messageIdHeader: string,
  ): Promise<{ draftId: string; messageId: string } | undefined> {
    this.options.onCall?.('gmail.users.drafts.list');
    const { data } = await this.api(owner).users.drafts.list({
      userId: 'me',
      q: `rfc822msgid:${messageIdHeader.replace(/^<|>$/g, '')}`,
      maxResults: 1,
    });
    const draft = data.drafts?.[0];
    return draft?.id == null ? undefined : { draftId: draft.id, messageId: draft.message?.id ?? '' };
  }

  async create(
    owner: string,
    mail: DraftMail,
    lookFirst: boolean,
  ): Promise<{ draftId: string; messageId: string }> {
    const mime = await draftMime(owner, mail);
    const raw = mime.toString('base64url');
    try {
      return await writeOnceWithRetry(
        async () => {
          this.options.onCall?.('gmail.users.drafts.create');
          const { data } = await this.api(owner).users.drafts.create({
            userId: 'me',
            requestBody: { message: { raw } },
          });
          return { draftId: data.id ?? '', messageId: data.message?.id ?? '' };
        },
        () => this.find(owner, mail.messageIdHeader),
        this.options.retry,
        lookFirst,
      );
    } catch (error) {
      throw toAppError(error, 'put the draft in the chair’s Gmail');
    }
  }

  link(owner: string): string {
    return `https://mail.google.com/mail/u/?authuser=${encodeURIComponent(owner)}#drafts`;
  }
}
