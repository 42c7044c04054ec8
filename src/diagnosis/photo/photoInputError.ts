/**
 * Why a photo was refused before any check ran. The HTTP edge maps `httpStatus`, the bot maps
 * `code` to `photo:input.<code>` in the user's locale.
 */
export type PhotoInputErrorCode =
  'empty' | 'too_large' | 'too_many_pixels' | 'unsupported_type' | 'truncated' | 'corrupt';

const HTTP_STATUS: Record<PhotoInputErrorCode, number> = {
  empty: 400,
  too_large: 413,
  too_many_pixels: 413,
  unsupported_type: 415,
  truncated: 400,
  corrupt: 400,
};

export class PhotoInputError extends Error {
  readonly code: PhotoInputErrorCode;
  readonly httpStatus: number;
  /** The i18n key (namespace `photo`) of the message for the user. */
  readonly messageKey: string;

  constructor(code: PhotoInputErrorCode, detail: string) {
    super(`photo refused (${code}): ${detail}`);
    this.name = 'PhotoInputError';
    this.code = code;
    this.httpStatus = HTTP_STATUS[code];
    this.messageKey = `input.${code}`;
  }
}

export function isPhotoInputError(value: unknown): value is PhotoInputError {
  return value instanceof PhotoInputError;
}
