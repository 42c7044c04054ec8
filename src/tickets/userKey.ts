import { createHmac } from 'node:crypto';

/**
 * The key a user's tickets are filed under: HMAC-SHA256 over channel and user id with a
 * per-install secret, so "forget me" and "my ticket" find them while the database never holds
 * the user id, and a leaked database alone cannot be matched against known ids.
 */
export function userKeyOf(secret: string, channelId: string, userId: string): string {
  if (secret.length < 16) throw new Error('The ticket user-key secret must be at least 16 characters.');
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  return createHmac('sha256', secret).update(`${channelId}\u0000${userId}`, 'utf8').digest('hex');
}
