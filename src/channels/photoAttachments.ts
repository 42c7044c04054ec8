import type { Attachment, TurnContext } from 'botbuilder';
import { AttachmentUnavailableError, type AttachmentReader } from './attachmentReader';
import { PhotoInputError } from '../diagnosis/photo/photoInputError';
import { AttachmentDownloadError, fetchAttachmentBytes, isImageCandidate } from './attachments/attachmentFetcher';
import { readLocalAttachment } from './directline/localDirectLine';
import { botTokenProvider } from './teams/botToken';
import { isLoopbackEmulatorTurn } from './turnOrigin';

export interface PhotoAttachmentOptions {
  maxBytes: number;
  /**
   * No Bot Framework credentials: local development, where the Emulator serves files from
   * localhost. Even then only for a turn the server marked as the Emulator on this machine.
   */
  localDevelopment: boolean;
}

/**
 * Where a photo comes from on each channel: the local Direct Line's own uploads in-process,
 * Teams file uploads and inline images (with the bot's token, only to Teams hosts), data: URIs,
 * and plain contentUrl downloads elsewhere — all SSRF-checked, in memory, size-capped.
 */
export function photoAttachmentReader(options: PhotoAttachmentOptions): AttachmentReader {
  return {
    pick: (attachments: readonly Attachment[]) => attachments.find(isImageCandidate),
    read: async (context: TurnContext, attachment: Attachment) => {
      try {
        return await fetchAttachmentBytes(
          attachment,
          { channelId: context.activity.channelId, getBotToken: botTokenProvider(context) },
          {
            maxBytes: options.maxBytes,
            allowLocalhostForEmulator: options.localDevelopment && isLoopbackEmulatorTurn(context),
            readLocal: readLocalAttachment,
          },
        );
      } catch (error) {
        if (!(error instanceof AttachmentDownloadError)) throw error;
        if (error.code === 'too_large') throw new PhotoInputError('too_large', 'attachment over the size limit');
        throw new AttachmentUnavailableError(error.code === 'auth_failed' ? 'auth_failed' : 'unavailable');
      }
    },
  };
}
