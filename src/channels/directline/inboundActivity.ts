import { z } from 'zod';

/** BCP 47 as browsers report it (`en-US`, `zh-CN`, `zh-Hant-TW`). */
export const LOCALE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;

const account = z.object({
  id: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

/** Files come through the upload route; an attachment here may only carry inline content. */
const inlineAttachment = z.object({
  contentType: z.string().min(1).max(255),
  name: z.string().max(255).optional(),
  content: z.unknown().optional(),
});

/**
 * The upload's activity part lists its files without URLs (their bytes are the `file` parts).
 * Web Chat adds a small inline thumbnail per image, which is what it shows for the user's own upload.
 */
const uploadAttachmentTemplate = z.object({
  contentType: z.string().max(255).optional(),
  name: z.string().max(255).optional(),
  thumbnailUrl: z
    .string()
    .regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/)
    .optional()
    .catch(undefined),
});

const common = {
  text: z.string().max(10_000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().regex(LOCALE_TAG).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z
    .array(z.looseObject({ type: z.string().max(128) }))
    .max(20)
    .optional(),
  from: account.optional(),
};

/**
 * What Web Chat posts to `.../activities`; unknown fields are dropped, never passed to the bot.
 * `endOfConversation` is what the page's "Start over" sends: the conversation is then deleted.
 */
export const inboundActivitySchema = z.object({
  ...common,
  type: z.enum(['message', 'event', 'typing', 'endOfConversation']),
  name: z.string().max(128).optional(),
  value: z.unknown().optional(),
  attachments: z.array(inlineAttachment).max(10).optional(),
});

/** The `activity` part of an upload. */
export const uploadActivitySchema = z.object({
  ...common,
  type: z.literal('message'),
  attachments: z.array(uploadAttachmentTemplate).max(10).optional(),
});

export type InboundActivity = z.infer<typeof inboundActivitySchema>;
