export type AttachmentDownloadErrorCode =
  | 'blocked_address'
  | 'bad_url'
  | 'http_status'
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'too_large'
  | 'no_content'
  | 'auth_failed';

/**
 * Why an attachment could not be downloaded. The message never contains the URL: Teams and
 * Direct Line URLs carry access tokens in their query strings.
 */
export class AttachmentDownloadError extends Error {
  constructor(
    readonly code: AttachmentDownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AttachmentDownloadError';
  }
}
