import { z } from 'zod';

/**
 * An attachment as a channel actually sent it: botbuilder types `contentType` as always present
 * and `content` as `any`, but the JSON comes from outside. Missing or mistyped fields become
 * empty, so a malformed attachment is "not a photo" instead of a crash.
 */
const inboundAttachmentSchema = z.object({
  contentType: z.string().trim().toLowerCase().catch(''),
  contentUrl: z.string().optional().catch(undefined),
  content: z.unknown().optional(),
  name: z.string().optional().catch(undefined),
});

export type InboundAttachment = z.infer<typeof inboundAttachmentSchema>;

export function inboundAttachment(attachment: unknown): InboundAttachment {
  const parsed = inboundAttachmentSchema.safeParse(attachment);
  return parsed.success ? parsed.data : { contentType: '', contentUrl: undefined, content: undefined, name: undefined };
}
