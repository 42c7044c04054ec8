import net from 'node:net';
import { DIRECT_LINE_CHANNEL_ID } from '../channels/directline/directLineActivity';
import { isLoopbackAddress } from '../http/publicAddress';
import { HttpError } from '../http/httpError';

export interface AnonymousActivityFields {
  channelId: string;
  deliveryMode?: string;
  serviceUrl?: string;
}

export type AnonymousAdmission =
  /** Answered in the HTTP response: the bot posts nowhere. */
  | { readonly kind: 'expectReplies' }
  /** The Bot Framework Emulator on this machine; replies go to its loopback `serviceUrl` (normalised). */
  | { readonly kind: 'loopbackEmulator'; readonly serviceUrl: string };

/**
 * Decides whether an activity nobody authenticated (no MicrosoftAppId) may run a turn. The bot
 * then has no way to know who sent it, so it must never post to a URL the caller chose: only
 * `expectReplies` (replies in the response body) is accepted, and the Emulator running on this
 * machine may use its own loopback serviceUrl. The local Direct Line's channel id is refused:
 * its users are only ever reached in-process, and claiming it would let a caller act as one.
 */
export function admitAnonymousActivity(
  activity: AnonymousActivityFields,
  fromThisMachine: boolean,
): AnonymousAdmission {
  if (activity.channelId === DIRECT_LINE_CHANNEL_ID) {
    throw new HttpError(
      403,
      'forbidden',
      `The channel id "${DIRECT_LINE_CHANNEL_ID}" belongs to the local Direct Line (/v3/directline); it is not accepted here.`,
    );
  }
  if (activity.deliveryMode === 'expectReplies') return { kind: 'expectReplies' };
  const loopback =
    fromThisMachine && activity.channelId === 'emulator' ? loopbackOrigin(activity.serviceUrl) : undefined;
  if (loopback) return { kind: 'loopbackEmulator', serviceUrl: loopback };
  throw new HttpError(
    403,
    'forbidden',
    'Without Bot Framework credentials the bot posts replies to no serviceUrl: send deliveryMode "expectReplies" to get them in the response.',
  );
}

/**
 * The origin of `serviceUrl` when it is http(s) on this machine's loopback, as the WHATWG parser
 * reads it (which already turns 2130706433, 0x7f000001 and 0177.0.0.1 into 127.0.0.1). Only the
 * origin goes on, so no other URL parser later reads a different host out of the same string.
 */
export function loopbackOrigin(serviceUrl: string | undefined): string | undefined {
  if (serviceUrl === undefined || !URL.canParse(serviceUrl)) return undefined;
  const url = new URL(serviceUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback = host === 'localhost' || (net.isIP(host) !== 0 && isLoopbackAddress(host));
  return loopback ? url.origin : undefined;
}
