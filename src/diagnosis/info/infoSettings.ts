import { z } from 'zod';

/** Day/month/year orders a verification form can ask for. */
export const DATE_ORDERS = ['YMD', 'DMY', 'MDY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

const DATE_FORMAT_PATTERN = /^(YYYY-MM-DD|DD-MM-YYYY|MM-DD-YYYY)$/;

/**
 * The `info` key of dialogs/settings.json. `dateFormat` is what the KYC form expects, written
 * with `-` standing for the separator given in `dateSeparator`. `nameCase`: `ignoreAllCaps`
 * treats a value written entirely in capitals as carrying no case information (passports print
 * names in capitals, and forms that upper-case input accept either), `strict` flags every case
 * difference, `ignore` never does.
 */
export const infoSettingsSchema = z
  .object({
    dateFormat: z
      .string()
      .regex(DATE_FORMAT_PATTERN, 'dateFormat must be YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY')
      .default('YYYY-MM-DD'),
    dateSeparator: z.enum(['-', '/', '.', ' ']).default('-'),
    nameCase: z.enum(['strict', 'ignoreAllCaps', 'ignore']).default('ignoreAllCaps'),
    /**
     * How the documents users hold print a slash or dash date (`MDY` for US documents). Unset,
     * a printed date such as 04/08/2000 is ambiguous and the check asks instead of guessing.
     */
    printedDateOrder: z.enum(['DMY', 'MDY']).optional(),
    /** Birth dates further back than this are treated as implausible when resolving a century. */
    oldestPlausibleAgeYears: z.number().int().min(100).max(200).default(130),
  })
  .strict();

export type InfoSettings = z.infer<typeof infoSettingsSchema>;

export const DEFAULT_INFO_SETTINGS: InfoSettings = infoSettingsSchema.parse({});

export function dateOrderOf(settings: InfoSettings): DateOrder {
  switch (settings.dateFormat) {
    case 'DD-MM-YYYY':
      return 'DMY';
    case 'MM-DD-YYYY':
      return 'MDY';
    default:
      return 'YMD';
  }
}

/** The expected format as shown to users, e.g. `YYYY-MM-DD` or `DD/MM/YYYY`. */
export function displayDateFormat(settings: InfoSettings): string {
  return settings.dateFormat.replaceAll('-', settings.dateSeparator);
}
