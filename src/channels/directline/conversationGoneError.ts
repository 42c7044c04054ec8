/**
 * The local Direct Line conversation a message was meant for no longer exists (it expired, the
 * user started over or said "forget me"): unlike a failed send, no retry will ever reach it.
 */
export class ConversationGoneError extends Error {
  constructor() {
    super('The local Direct Line conversation has ended.');
    this.name = 'ConversationGoneError';
  }
}
