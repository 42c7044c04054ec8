import os from 'node:os';
import { z } from 'zod';
import { BACKGROUND_NICE } from './diagnosis/backgroundThreads';
import { API_TOKEN_AGENT, type AgentCredential } from './http/agentAuth';
import { LOCALES } from './i18n/locales';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const positiveInt = (max: number) =>
  z.coerce.number({ error: 'expected a number' }).int('expected a whole number').min(1).max(max);
const optionalSecret = z.string().min(16, 'must be at least 16 characters').optional();
const seconds = (max: number) => z.coerce.number({ error: 'expected a number of seconds' }).positive().max(max);

const AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MIN_AGENT_TOKEN = 24;

export type AgentToken = AgentCredential;

/** `name:token,name:token` as agents, or what is wrong with it (never quoting a token). */
function parseAgentTokens(value: string): AgentToken[] | string {
  const agents: AgentToken[] = [];
  const tokens = new Set<string>();
  for (const pair of value.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) return 'expected name:token pairs separated by commas';
    const name = pair.slice(0, colon).trim();
    const token = pair.slice(colon + 1).trim();
    if (!AGENT_NAME.test(name)) return 'each agent name is 1-64 letters, digits, ".", "_" or "-"';
    if (name === API_TOKEN_AGENT) return `the agent name "${API_TOKEN_AGENT}" is kept for AGENT_API_TOKEN`;
    if (agents.some((agent) => agent.name === name)) return `the agent name "${name}" appears twice`;
    if (token.length < MIN_AGENT_TOKEN) return `the token of "${name}" must be at least ${MIN_AGENT_TOKEN} characters`;
    if (tokens.has(token)) return `the token of "${name}" is also another agent's`;
    tokens.add(token);
    agents.push({ name, token });
  }
  return agents;
}

const agentTokens = z.string().transform((value, ctx): AgentToken[] => {
  const parsed = parseAgentTokens(value);
  if (typeof parsed !== 'string') return parsed;
  ctx.addIssue({ code: 'custom', message: parsed });
  return z.NEVER;
});

const envSchema = z.object({
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().optional(),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3978),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,253}$/, 'expected an address or host name to listen on')
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'expected sqlite:<path> or postgres://...')
    .default('sqlite:./data/kyc-bot.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(LOCALES).default('en'),
  BRAND_NAME: z.string().min(1).max(60).default('KYC Help'),
  LOCAL_WEBCHAT: flag.optional(),
  MAX_PHOTO_MB: z.coerce.number({ error: 'expected a number of megabytes' }).positive().max(100).default(15),
  // One core is left to the event loop, so text turns do not wait behind photos (issue 11).
  OCR_WORKERS: positiveInt(16).default(Math.max(1, os.availableParallelism() - 1)),
  BACKGROUND_THREAD_NICE: z.coerce.number({ error: 'expected a number' }).int().min(0).max(19).default(BACKGROUND_NICE),
  PHOTO_RATE_PER_MINUTE: positiveInt(100_000).default(60),
  UPLOAD_BUDGET_MB: z.coerce.number({ error: 'expected a number of megabytes' }).positive().max(16_384).optional(),
  UPLOADS_PER_ADDRESS: positiveInt(1000).default(4),
  BODY_TIMEOUT_SECONDS: seconds(3600).default(60),
  OUTBOUND_TIMEOUT_SECONDS: seconds(300).default(10),
  OUTBOUND_MAX_IN_FLIGHT: positiveInt(10_000).default(64),
  DIAGNOSE_API_KEY: optionalSecret,
  AGENT_API_TOKEN: optionalSecret,
  AGENT_TOKENS: agentTokens.optional(),
  HELPDESK_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  HELPDESK_WEBHOOK_SECRET: optionalSecret,
  TICKET_RETENTION_DAYS: positiveInt(3650).default(90),
  TICKET_USER_KEY_SECRET: optionalSecret,
});

export interface Config {
  readonly bot: {
    readonly appId: string | undefined;
    readonly appPassword: string | undefined;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string | undefined;
  };
  readonly port: number;
  /** Where to listen; loopback only unless credentials or HOST say otherwise. */
  readonly host: string | undefined;
  readonly databaseUrl: string;
  readonly logLevel: string;
  readonly defaultLocale: (typeof LOCALES)[number];
  readonly brandName: string;
  readonly localWebChat: boolean;
  readonly maxPhotoBytes: number;
  readonly ocrWorkers: number;
  /** Nice value of every thread but the event loop's (Linux); 0 leaves them at the process's priority. */
  readonly backgroundThreadNice: number;
  readonly photoRatePerMinute: number;
  /** Request bodies of uploads (photo API, Direct Line) all in flight at once may hold this many bytes. */
  readonly uploadBudgetBytes: number;
  readonly uploadsPerAddress: number;
  /** A request body must have fully arrived this long after its headers. */
  readonly bodyTimeoutMs: number;
  /** Calls to a channel's Bot Connector (replies, proactive messages). */
  readonly outbound: { readonly timeoutMs: number; readonly maxInFlight: number };
  readonly diagnoseApiKey: string | undefined;
  readonly agentApiToken: string | undefined;
  /** Named agents for the console and the ticket API (AGENT_TOKENS); each action records the name. */
  readonly agentTokens: readonly AgentToken[];
  readonly helpdeskWebhookUrl: string | undefined;
  readonly helpdeskWebhookSecret: string | undefined;
  readonly ticketRetentionDays: number;
  /** Keys the hash that links tickets to a user without storing the user id; undefined = the built-in default. */
  readonly ticketUserKeySecret: string | undefined;
}

/** Eight photos of the default 15 MB in flight at once. */
const DEFAULT_UPLOAD_BUDGET_MB = 120;

function mb(megabytes: number): number {
  return Math.round(megabytes * 1024 * 1024);
}

/** Thrown for a bad environment; the message is one line naming the variable, never its value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Empty strings in .env files mean "not set", as dotenv users expect. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new ConfigError('Invalid environment variable MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (e.MicrosoftAppType === 'SingleTenant' && !e.MicrosoftAppTenantId) {
    throw new ConfigError(
      'Invalid environment variable MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant',
    );
  }
  if (e.AGENT_API_TOKEN && e.AGENT_TOKENS?.some((agent) => agent.token === e.AGENT_API_TOKEN)) {
    throw new ConfigError('Invalid environment variable AGENT_TOKENS: a token equals AGENT_API_TOKEN');
  }
  if (e.HELPDESK_WEBHOOK_URL && !e.HELPDESK_WEBHOOK_SECRET) {
    throw new ConfigError(
      'Invalid environment variable HELPDESK_WEBHOOK_SECRET: required when HELPDESK_WEBHOOK_URL is set',
    );
  }
  return Object.freeze({
    bot: Object.freeze({
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      tenantId: e.MicrosoftAppTenantId,
    }),
    port: e.PORT,
    // Without credentials nothing authenticates callers: only this machine may reach the bot by default.
    host: e.HOST ?? (e.MicrosoftAppId ? undefined : '127.0.0.1'),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    brandName: e.BRAND_NAME,
    // The local page needs no Azure; with real Bot Framework credentials it is opt-in.
    localWebChat: e.LOCAL_WEBCHAT ?? !e.MicrosoftAppId,
    maxPhotoBytes: mb(e.MAX_PHOTO_MB),
    ocrWorkers: e.OCR_WORKERS,
    backgroundThreadNice: e.BACKGROUND_THREAD_NICE,
    photoRatePerMinute: e.PHOTO_RATE_PER_MINUTE,
    uploadBudgetBytes: mb(e.UPLOAD_BUDGET_MB ?? Math.max(DEFAULT_UPLOAD_BUDGET_MB, 2 * e.MAX_PHOTO_MB)),
    uploadsPerAddress: e.UPLOADS_PER_ADDRESS,
    bodyTimeoutMs: Math.round(e.BODY_TIMEOUT_SECONDS * 1000),
    outbound: Object.freeze({
      timeoutMs: Math.round(e.OUTBOUND_TIMEOUT_SECONDS * 1000),
      maxInFlight: e.OUTBOUND_MAX_IN_FLIGHT,
    }),
    diagnoseApiKey: e.DIAGNOSE_API_KEY,
    agentApiToken: e.AGENT_API_TOKEN,
    agentTokens: Object.freeze(e.AGENT_TOKENS ?? []),
    helpdeskWebhookUrl: e.HELPDESK_WEBHOOK_URL,
    helpdeskWebhookSecret: e.HELPDESK_WEBHOOK_SECRET,
    ticketRetentionDays: e.TICKET_RETENTION_DAYS,
    ticketUserKeySecret: e.TICKET_USER_KEY_SECRET,
  });
}
