import type { Attachment } from 'botbuilder';
import { dataUriMediaType, isDataUri } from './dataUri';
import { inboundAttachment } from './inboundAttachment';
import { TEAMS_FILE_DOWNLOAD_INFO, teamsDownloadContent } from './teamsAttachmentContent';

/** File types Teams reports for uploads that may be a photo; the bytes decide in the end. */
const IMAGE_FILE_TYPES: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'jfif',
  'jpe',
  'png',
  'webp',
  'heic',
  'heif',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'avif',
]);

/**
 * Whether an attachment may hold a photo worth downloading: `image/*`, octet-stream, a Teams
 * file upload of an image file type, or a data: URI of such a type. Cards (Adaptive, hero,
 * thumbnail...) and Teams' `text/html` copy of the message are not.
 */
export function isImageCandidate(raw: Attachment): boolean {
  const attachment = inboundAttachment(raw);
  const { contentType } = attachment;
  const contentUrl = attachment.contentUrl ?? '';
  if (contentType === TEAMS_FILE_DOWNLOAD_INFO) {
    const content = teamsDownloadContent(attachment.content);
    if (!content) return false;
    const fileType = (content.fileType ?? extensionOf(attachment.name ?? '')).toLowerCase();
    return IMAGE_FILE_TYPES.has(fileType.replace(/^\./, ''));
  }
  if (isDataUri(contentUrl)) {
    const mediaType = dataUriMediaType(contentUrl);
    return mediaType === '' || isImageLikeType(mediaType);
  }
  if (!isImageLikeType(contentType)) return false;
  return contentUrl !== '' || teamsDownloadContent(attachment.content) !== undefined;
}

function isImageLikeType(contentType: string): boolean {
  return contentType.startsWith('image/') || contentType === 'application/octet-stream';
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}
