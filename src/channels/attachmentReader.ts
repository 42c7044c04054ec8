import type { Attachment, TurnContext } from 'botbuilder';

/** The channel could not hand over the file (a Teams inline image without access, a dead URL). */
export class AttachmentUnavailableError extends Error {
  constructor(readonly reason: 'auth_failed' | 'unavailable') {
    super(`attachment unavailable: ${reason}`);
    this.name = 'AttachmentUnavailableError';
  }
}

/** Channel-specific download, at the edge; `pick` chooses the attachment that may be a photo. */
export interface AttachmentReader {
  pick(attachments: readonly Attachment[]): Attachment | undefined;
  read(context: TurnContext, attachment: Attachment): Promise<Buffer>;
}
