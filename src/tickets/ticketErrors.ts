/** Every ticket error is named after its class, so logs tell them apart. */
abstract class TicketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The ticket changed since the caller read it: the write was not applied (HTTP 412). */
export class VersionConflictError extends TicketError {
  constructor(
    readonly ticketNumber: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Ticket ${ticketNumber} is at version ${currentVersion}, not ${expectedVersion}.`);
  }
}

export class TicketNotFoundError extends TicketError {
  constructor(readonly ticketNumber: string) {
    super(`Ticket ${ticketNumber} does not exist.`);
  }
}

/** A bounded part of a ticket (notes, replies, a note's size) would overflow; nothing was written. */
export class TicketLimitError extends TicketError {
  constructor(
    readonly limit: 'notes' | 'noteBytes' | 'replies' | 'replyBytes',
    message: string,
  ) {
    super(message);
  }
}

/** The escalation handed over a ticket that breaks the model; the message names fields, never values. */
export class InvalidTicketError extends TicketError {}

/** The user asked to be forgotten: nobody is left to reply to (HTTP 409). */
export class TicketAnonymisedError extends TicketError {
  constructor(readonly ticketNumber: string) {
    super(`Ticket ${ticketNumber} was anonymised; it cannot take replies.`);
  }
}
