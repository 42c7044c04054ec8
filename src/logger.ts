import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Callers log ids and outcomes only: never message text, names, dates of
 * birth, document numbers or image bytes (DESIGN.md, Privacy). The redact list is a safety net
 * for fields that should never have been passed.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kyc-support-bot' },
      redact: {
        paths: [
          'text',
          '*.text',
          'body',
          '*.body',
          'value',
          '*.value',
          'attachments',
          '*.attachments',
          'authorization',
          '*.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Asynchronous writes: a log line per request must not cost a blocking syscall on the hot path.
    destination ?? pino.destination({ sync: false }),
  );
}

export type { Logger };
