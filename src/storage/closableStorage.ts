import type { Storage } from 'botbuilder';

/** A botbuilder Storage that owns a connection: the server closes it on shutdown and pings it for /readyz. */
export interface ClosableStorage extends Storage {
  close(): Promise<void>;
  /** Resolves when the backing database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
}
