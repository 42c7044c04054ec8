import { TICKET_MIGRATIONS } from '../storage/migrations';
import { openDatabase, type OpenDatabaseOptions } from '../storage/openDatabase';
import { SqlTicketStore } from './sqlTicketStore';
import type { TicketStore, TicketStoreOptions } from './ticketStore';

/**
 * Opens the ticket store named by DATABASE_URL (`sqlite:<path>` or `postgres://...`), with the
 * `tickets` migrations applied. Errors name DATABASE_URL and never echo credentials.
 */
export async function openTicketStore(
  databaseUrl: string,
  options: TicketStoreOptions & OpenDatabaseOptions,
): Promise<TicketStore> {
  return new SqlTicketStore(await openDatabase(databaseUrl, 'tickets', TICKET_MIGRATIONS, options), options);
}
