import { createHmac } from 'node:crypto';

/**
 * The key a user's tickets are filed under: HMAC-SHA256 over channel and user id with a
 * per-install secret, so "forget me" and "my ticket" find them while the database never holds
 * the user id, and a leaked database alone cannot be matched against known ids.
 */
export function userKeyOf(
  secret: string,
  channelId: string,
  userId: string,
  identity: { verified: boolean } = { verified: true },
): string {
  if (secret.length < 16) throw new Error('The ticket user-key secret must be at least 16 characters.');
  // Ids nobody vouched for are hashed under a key of their own: whatever channel and id a caller
  // claims, its key never equals a verified user's, and verified users keep the keys they had.
  const key = identity.verified ? secret : createHmac('sha256', secret).update('unverified caller').digest();
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  return createHmac('sha256', key).update(`${channelId}\u0000${userId}`, 'utf8').digest('hex');
}
