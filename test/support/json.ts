import { z } from 'zod';

/** Reads a response body and checks its shape, so a test fails on a wrong shape rather than casting. */
export async function jsonOf<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await res.json());
}

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const cardAction = z.looseObject({ title: z.string().optional(), value: z.unknown().optional() });
export const replyActivity = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  suggestedActions: z.object({ actions: z.array(cardAction) }).optional(),
  attachments: z
    .array(
      z.looseObject({ contentType: z.string(), content: z.unknown().optional(), contentUrl: z.string().optional() }),
    )
    .optional(),
});
export const activitiesBody = z.object({ activities: z.array(replyActivity) });
export type Reply = z.infer<typeof replyActivity>;
