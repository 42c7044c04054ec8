import { z } from 'zod';
import type { InfoCheckInput } from './infoCheck';
import { MAX_VALUE_CODE_POINTS } from './textUnits';

const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * One typed or printed value. Control characters (tabs, line breaks, NUL...) are rejected here;
 * invisible formatting marks (zero-width spaces, right-to-left marks) are let through on purpose:
 * the check reports them as `hidden_character`, which is what the user needs to hear.
 */
const infoValue = z
  .string()
  .refine((value) => Array.from(value).length <= MAX_VALUE_CODE_POINTS, {
    error: `must be at most ${MAX_VALUE_CODE_POINTS} characters`,
  })
  .refine((value) => !CONTROL_CHARACTER.test(value), {
    error: 'must not contain control characters (tabs, line breaks, NUL); type the value on one line',
  });

const infoValues = z
  .object({
    name: infoValue.optional(),
    dateOfBirth: infoValue.optional(),
    documentNumber: infoValue.optional(),
  })
  .strict();

/** Body of `POST /api/diagnose/info`. Unknown keys are rejected so a misspelt field is not silently skipped. */
export const infoRequestSchema = z
  .object({
    entered: infoValues.refine(
      (values) =>
        [values.name, values.dateOfBirth, values.documentNumber].some(
          (value) => value !== undefined && value.trim() !== '',
        ),
      { error: 'give at least one of name, dateOfBirth, documentNumber' },
    ),
    document: infoValues.optional(),
    documentType: z.enum(['passport', 'id_card', 'cn_resident_id']).optional(),
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as en or zh-CN')
      .optional(),
  })
  .strict();

export type InfoRequest = z.infer<typeof infoRequestSchema>;

export type InfoRequestParse = { ok: true; request: InfoRequest } | { ok: false; message: string };

/**
 * Validates a request body. The error message names the fields and what is wrong with them,
 * never their values (they are personal data).
 */
export function parseInfoRequest(body: unknown): InfoRequestParse {
  const result = infoRequestSchema.safeParse(body);
  if (result.success) return { ok: true, request: result.data };
  const message = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message };
}

/** The check's input from a validated request (the locale is for the edge that renders messages). */
export function infoCheckInputOf(request: InfoRequest): InfoCheckInput {
  const input: InfoCheckInput = { entered: request.entered };
  if (request.document !== undefined) input.document = request.document;
  if (request.documentType !== undefined) input.documentType = request.documentType;
  return input;
}
