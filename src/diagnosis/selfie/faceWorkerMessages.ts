import { z } from 'zod';
import { FaceAnalysisSettingsSchema } from './selfieSettings';

const BoxSchema = z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() });

export const FaceWorkerInit = z.object({ settings: FaceAnalysisSettingsSchema });

export const FaceRequest = z.object({
  id: z.number(),
  rgb: z.instanceof(Uint8Array),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const FaceMeasuresSchema = z.object({
  width: z.number(),
  height: z.number(),
  faces: z.array(
    z.object({
      score: z.number(),
      box: BoxSchema,
      yaw: z.number(),
      pitch: z.number(),
      roll: z.number(),
      eyeOpenness: z.number(),
    }),
  ),
  document: z.object({ box: BoxSchema, fillFraction: z.number(), cutEdges: z.number() }).nullable(),
  lighting: z
    .object({
      faceMean: z.number(),
      leftMean: z.number(),
      rightMean: z.number(),
      unevenness: z.number(),
      brightSide: z.enum(['left', 'right']),
      blownForehead: z.number(),
      backgroundMean: z.number().nullable(),
    })
    .optional(),
  background: z.object({ area: z.number(), spread: z.number(), edgeDensity: z.number() }).optional(),
  sharpness: z.number().optional(),
});

/** `ready` once the model has loaded, then one reply per request id. */
export const FaceReply = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
