/** Refused because the bounded queue is full: the HTTP edge answers 503 + Retry-After, the bot "busy, try again". */
export class OverloadedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many photo checks in progress');
    this.name = 'OverloadedError';
  }
}
