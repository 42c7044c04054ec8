/**
 * The Microsoft Teams app manifest, as plain data. `scripts/teamsPackage.ts` writes it into the
 * sideloadable package and validates it against the official schema of `schemaVersion`.
 */

export const TEAMS_PACKAGE_FILES = {
  manifest: 'manifest.json',
  color: 'color.png',
  outline: 'outline.png',
  zhCN: 'zh-CN.json',
} as const;

export interface TeamsManifestInput {
  /** `MicrosoftAppId`: the bot's Microsoft Entra app registration id (a GUID). */
  botId: string;
  /** The Teams app's own id; defaults to `botId`, so re-sideloading updates the same app. */
  appId?: string;
  /** `BRAND_NAME`, at most 30 characters (Teams' short name). */
  brandName: string;
  /** The app version Teams compares on update: MAJOR.MINOR.PATCH. */
  version: string;
  /** Manifest schema version, e.g. "1.30". */
  schemaVersion: string;
  /** Extra domains the app may open (the bot's own public host, a help site). */
  validDomains?: readonly string[];
  developer?: Partial<TeamsDeveloper>;
  accentColor?: string;
}

export interface TeamsDeveloper {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

export interface TeamsCommand {
  title: string;
  description: string;
}

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  developer: TeamsDeveloper;
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: {
    botId: string;
    scopes: 'personal'[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: 'personal'[]; commands: TeamsCommand[] }[];
  }[];
  permissions: 'identity'[];
  validDomains: string[];
  defaultInstallScope: 'personal';
}

/** Keys are JSON paths into the manifest, as the Teams localization schema defines them. */
export type TeamsLocalization = Record<string, string>;

export class TeamsManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsManifestError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DOMAIN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

/** Placeholders Teams accepts for sideloading; a store submission needs real pages. */
const PLACEHOLDER_DEVELOPER: Omit<TeamsDeveloper, 'name'> = {
  websiteUrl: 'https://www.example.com/kyc-help',
  privacyUrl: 'https://www.example.com/kyc-help/privacy',
  termsOfUseUrl: 'https://www.example.com/kyc-help/terms',
};

/**
 * Command titles are exact triggers of `dialogs/commands.json` in each language (a test keeps
 * them in step), so choosing one from the Teams command menu starts the same flow as typing it.
 */
const COMMANDS: readonly { en: TeamsCommand; zhCN: TeamsCommand }[] = [
  {
    en: {
      title: 'check my photo',
      description: 'Send a photo of your ID: I check it the way the KYC review will and say what to fix',
    },
    zhCN: { title: '检查我的照片', description: '发送证件照片：按 KYC 审核的标准检查，并告诉你需要改正什么' },
  },
  {
    en: { title: 'check my info', description: 'Compare what you typed with your document before you resubmit' },
    zhCN: { title: '核对我的信息', description: '重新提交前，核对你填写的信息与证件是否一致' },
  },
  {
    en: { title: 'my attempts', description: 'How many verification attempts are left today and when you can retry' },
    zhCN: { title: '认证次数', description: '今天还剩几次认证机会，什么时候可以重试' },
  },
  {
    en: { title: 'talk to a person', description: 'Hand over to our support team with a ticket' },
    zhCN: { title: '人工客服', description: '转给客服团队并创建工单' },
  },
  {
    en: { title: 'menu', description: 'Show the main menu' },
    zhCN: { title: '菜单', description: '显示主菜单' },
  },
  {
    en: { title: 'help', description: 'What I can do for you' },
    zhCN: { title: '帮助', description: '我能帮你做什么' },
  },
  {
    en: { title: 'start over', description: 'Forget this conversation and start again' },
    zhCN: { title: '重新开始', description: '忘掉当前对话，从头开始' },
  },
];

export function buildTeamsManifest(input: TeamsManifestInput): TeamsManifest {
  const botId = requireGuid(input.botId, 'MicrosoftAppId');
  const appId = requireGuid(input.appId ?? input.botId, 'Teams app id');
  if (!SEMVER.test(input.version)) {
    throw new TeamsManifestError(`Teams app version must be MAJOR.MINOR.PATCH, got "${input.version}"`);
  }
  const brandName = input.brandName.trim();
  if (brandName === '' || brandName.length > 30) {
    throw new TeamsManifestError('BRAND_NAME must be 1 to 30 characters for the Teams app name');
  }
  const validDomains = [...new Set(input.validDomains ?? [])];
  const badDomain = validDomains.find((domain) => !DOMAIN.test(domain));
  if (badDomain !== undefined) throw new TeamsManifestError(`not a domain name for validDomains: "${badDomain}"`);

  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${input.schemaVersion}/MicrosoftTeams.schema.json`,
    manifestVersion: input.schemaVersion,
    version: input.version,
    id: appId.toLowerCase(),
    localizationInfo: {
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'zh-cn', file: TEAMS_PACKAGE_FILES.zhCN }],
    },
    developer: {
      name: (input.developer?.name ?? brandName).slice(0, 32),
      websiteUrl: input.developer?.websiteUrl ?? PLACEHOLDER_DEVELOPER.websiteUrl,
      privacyUrl: input.developer?.privacyUrl ?? PLACEHOLDER_DEVELOPER.privacyUrl,
      termsOfUseUrl: input.developer?.termsOfUseUrl ?? PLACEHOLDER_DEVELOPER.termsOfUseUrl,
    },
    name: { short: brandName, full: `${brandName}: help with a rejected identity verification` },
    description: {
      short: 'Fix a rejected identity verification (KYC) before you try again',
      full:
        'Paste the message your identity verification (KYC) showed and get the likely cause and step-by-step fixes. ' +
        'Send a photo of your ID or passport to check it the way the review will: resolution, blur, glare, exposure, ' +
        'framing, legibility, the machine-readable zone and the expiry date, with what to fix for each. ' +
        'Photos are checked in memory and never stored. If the fixes do not help, hand over to a person with a ticket.',
    },
    icons: { color: TEAMS_PACKAGE_FILES.color, outline: TEAMS_PACKAGE_FILES.outline },
    accentColor: input.accentColor ?? '#0B5CAD',
    bots: [
      {
        botId: botId.toLowerCase(),
        scopes: ['personal'],
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal'], commands: COMMANDS.map((command) => ({ ...command.en })) }],
      },
    ],
    permissions: ['identity'],
    validDomains,
    defaultInstallScope: 'personal',
  };
}

/** The zh-CN strings of the manifest, in the Teams localization file format. */
export function buildTeamsZhCnLocalization(
  input: Pick<TeamsManifestInput, 'schemaVersion' | 'brandName'>,
): TeamsLocalization {
  const brandName = input.brandName.trim();
  const localization: TeamsLocalization = {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${input.schemaVersion}/MicrosoftTeams.Localization.schema.json`,
    'name.short': brandName,
    'name.full': `${brandName}：身份认证（KYC）被拒的帮手`,
    'description.short': '身份认证（KYC）被拒？重试之前先把问题改好',
    'description.full':
      '粘贴身份认证（KYC）显示的提示，获得可能的原因和分步解决方法。发送证件或护照照片，' +
      '按审核的标准检查分辨率、模糊、反光、曝光、取景、清晰度、机读区和有效期，并告诉你每一项怎么改。' +
      '照片只在内存中检查，从不保存。如果还是解决不了，可以带着工单转人工客服。',
  };
  COMMANDS.forEach((command, index) => {
    localization[`bots[0].commandLists[0].commands[${index}].title`] = command.zhCN.title;
    localization[`bots[0].commandLists[0].commands[${index}].description`] = command.zhCN.description;
  });
  return localization;
}

/** Every command title per language, to check them against the conversation's triggers. */
export function teamsCommandTitles(): { en: string[]; zhCN: string[] } {
  return { en: COMMANDS.map((command) => command.en.title), zhCN: COMMANDS.map((command) => command.zhCN.title) };
}

function requireGuid(value: string, what: string): string {
  if (!GUID.test(value.trim()))
    throw new TeamsManifestError(`${what} must be a GUID (the Microsoft Entra app registration id)`);
  return value.trim();
}
