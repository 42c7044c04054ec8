import { z } from 'zod';
import { MrzBandSettingsSchema } from '../mrz/mrzBands';
import { FramingSettingsSchema, GlareSettingsSchema } from './photoSettings';

const Grey = z.object({
  data: z.instanceof(Uint8Array),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
const BoxSchema = z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() });
const PointSchema = z.object({ x: z.number(), y: z.number() });

export const PixelRequest = z.discriminatedUnion('task', [
  z.object({ id: z.number(), task: z.literal('locate'), small: Grey, settings: FramingSettingsSchema }),
  z.object({ id: z.number(), task: z.literal('measure'), sharpness: Grey, glare: Grey, settings: GlareSettingsSchema }),
  z.object({ id: z.number(), task: z.literal('mrzBands'), image: Grey, settings: MrzBandSettingsSchema }),
]);

const BandGeometrySchema = z.object({
  angle: z.number(),
  cx: z.number(),
  cy: z.number(),
  length: z.number(),
  thickness: z.number(),
  lineCount: z.number(),
  charSize: z.number(),
  charsPerLine: z.number(),
});
const BandSamplingSchema = z.object({
  angle: z.number(),
  cx: z.number(),
  cy: z.number(),
  scale: z.number(),
  width: z.number(),
  height: z.number(),
});

export const MrzBandsSchema = z.array(
  z.object({ geometry: BandGeometrySchema, views: z.array(z.object({ sampling: BandSamplingSchema, image: Grey })) }),
);

export const SmallLocationSchema = z.object({
  found: z.boolean(),
  box: BoxSchema,
  corners: z.array(PointSchema),
  fillFraction: z.number(),
  cutEdges: z.array(z.enum(['left', 'top', 'right', 'bottom'])),
  width: z.number(),
});

export const DocumentMeasuresSchema = z.object({
  sharpness: z.number(),
  glare: z.object({ spots: z.array(BoxSchema), fraction: z.number(), textBandFraction: z.number() }),
  histogram: z.instanceof(Uint32Array),
});

export const PixelReply = z.object({
  id: z.number(),
  ok: z.boolean(),
  result: z.unknown(),
  error: z.string().optional(),
});
