/**
 * A write carried an eTag that no longer matches the stored item: someone else wrote it first.
 * The message follows botbuilder's MemoryStorage so logs read the same for every backend.
 */
export class ETagConflictError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
    this.key = key;
  }
}
