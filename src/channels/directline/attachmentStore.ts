import type { DirectLineLimits } from './directLineLimits';
import { randomToken } from './randomToken';

export interface UploadedFile {
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface StoredAttachment extends UploadedFile {
  readonly id: string;
  readonly conversationId: string;
  /** The exact URL handed out; lookups by URL must match it character for character. */
  readonly url: string;
}

export const ATTACHMENT_PATH_PREFIX = '/v3/attachments/';
export const ATTACHMENT_PATH_SUFFIX = '/views/original';

/**
 * Uploaded bytes, in memory only, under unguessable ids. Bounded per conversation and per process
 * (oldest upload goes first) and dropped with their conversation.
 */
export class AttachmentStore {
  private readonly attachments = new Map<string, StoredAttachment>();
  private readonly urls = new Map<string, string>();
  private readonly conversationBytes = new Map<string, number>();
  private totalBytes = 0;

  constructor(
    private readonly limits: Pick<DirectLineLimits, 'maxConversationAttachmentBytes' | 'maxTotalAttachmentBytes'>,
  ) {}

  add(conversationId: string, serviceUrl: string, file: UploadedFile): StoredAttachment {
    const size = file.bytes.length;
    this.makeRoom(conversationId, size);
    const id = randomToken();
    const url = `${serviceUrl}${ATTACHMENT_PATH_PREFIX}${id}${ATTACHMENT_PATH_SUFFIX}`;
    const stored: StoredAttachment = { ...file, id, conversationId, url };
    this.attachments.set(id, stored);
    this.urls.set(url, id);
    this.conversationBytes.set(conversationId, (this.conversationBytes.get(conversationId) ?? 0) + size);
    this.totalBytes += size;
    return stored;
  }

  get(id: string): StoredAttachment | undefined {
    return this.attachments.get(id);
  }

  getByUrl(url: string): StoredAttachment | undefined {
    const id = this.urls.get(url);
    return id === undefined ? undefined : this.attachments.get(id);
  }

  deleteConversation(conversationId: string): void {
    for (const attachment of this.attachments.values()) {
      if (attachment.conversationId === conversationId) this.remove(attachment);
    }
    this.conversationBytes.delete(conversationId);
  }

  clear(): void {
    this.attachments.clear();
    this.urls.clear();
    this.conversationBytes.clear();
    this.totalBytes = 0;
  }

  private makeRoom(conversationId: string, size: number): void {
    for (const attachment of this.attachments.values()) {
      const conversationFull =
        (this.conversationBytes.get(conversationId) ?? 0) + size > this.limits.maxConversationAttachmentBytes;
      const processFull = this.totalBytes + size > this.limits.maxTotalAttachmentBytes;
      if (!conversationFull && !processFull) return;
      if (processFull || attachment.conversationId === conversationId) this.remove(attachment);
    }
  }

  private remove(attachment: StoredAttachment): void {
    this.attachments.delete(attachment.id);
    this.urls.delete(attachment.url);
    const left = (this.conversationBytes.get(attachment.conversationId) ?? 0) - attachment.bytes.length;
    if (left > 0) this.conversationBytes.set(attachment.conversationId, left);
    else this.conversationBytes.delete(attachment.conversationId);
    this.totalBytes -= attachment.bytes.length;
  }
}
