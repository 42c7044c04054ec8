// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A relative import that climbs to the src/ folder `name` (from any depth inside another src/ folder). */
const folder = (name) => `^(\\.\\./)+${name}(/|$)`;

/**
 * What a folder of src/ must not import (docs/architecture.md has the map). One entry per folder,
 * because a later `no-restricted-imports` replaces an earlier one instead of adding to it.
 */
const layers = [
  {
    dir: 'diagnosis',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'storage', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'tickets',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'helpdesk',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'storage', 'reports', 'reminders'],
  },
  {
    dir: 'storage',
    botbuilder: false,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'diagnosis', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'i18n',
    botbuilder: true,
    deny: [
      'conversation',
      'bot',
      'channels',
      'api',
      'tickets',
      'diagnosis',
      'storage',
      'helpdesk',
      'reports',
      'reminders',
    ],
  },
  {
    dir: 'http',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'storage', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'policy',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'storage', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'channels',
    botbuilder: false,
    deny: ['conversation', 'bot', 'api', 'tickets', 'storage', 'helpdesk', 'reports', 'reminders'],
  },
  {
    dir: 'reports',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'helpdesk', 'reminders'],
  },
  {
    dir: 'reminders',
    botbuilder: true,
    deny: ['conversation', 'bot', 'channels', 'api', 'tickets', 'diagnosis', 'helpdesk', 'reports'],
  },
  { dir: 'conversation', botbuilder: false, deny: ['bot', 'api', 'storage', 'helpdesk'] },
  { dir: 'bot', botbuilder: false, deny: ['api', 'storage', 'helpdesk'] },
  {
    dir: 'api',
    botbuilder: true,
    deny: ['bot', 'channels', 'storage', 'helpdesk', 'reminders'],
    conversationOnly: 'services',
  },
];
const compositionRoot = ['app', 'botRuntime', 'server', 'index'];

const layerConfigs = layers.map(({ dir, botbuilder, deny, conversationOnly }) => {
  const patterns = [
    ...deny.map((name) => ({ regex: folder(name), message: `src/${dir}/ must not import src/${name}/.` })),
    {
      regex: `^(\\.\\./)+(${compositionRoot.join('|')})$`,
      message: 'Only the composition root wires modules together.',
    },
  ];
  if (botbuilder) {
    patterns.push({ regex: '^(botbuilder|botframework)', message: `src/${dir}/ knows nothing of Bot Framework.` });
  }
  if (conversationOnly) {
    patterns.push({
      regex: `^(\\.\\./)+conversation/(?!${conversationOnly}$)`,
      message: `src/${dir}/ may use only conversation/${conversationOnly} (its public interface).`,
    });
  }
  return { files: [`src/${dir}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns }] } };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'test-output/'] },

  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `{ dropped: _, ...rest }` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // Counts and sizes in messages are the common case; objects and unions still need an explicit String().
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(error) => reject(error)` and `() => res.end()` are the idiom for event and stream callbacks.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `||` on a string deliberately treats '' as absent (an empty header or env value).
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Splitting a string into code points is deliberate (MRZ is ASCII, Chinese n-grams go by character).
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
      // Off until tsconfig has noUncheckedIndexedAccess: without it the rule calls every bounds check on an index unnecessary.
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },

  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // A test asserts the value exists just before; a failing `!` fails the test, which is what it should do.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Test doubles implement async interfaces with canned answers.
      '@typescript-eslint/require-await': 'off',
      // A promise wrapper rejects with whatever its catch caught, as a rethrow would.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },

  {
    files: ['test/storage/storageContract.ts'],
    rules: {
      // botbuilder's Storage types stored items as `any`; the contract reads fields back as the SDK would.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  ...layerConfigs,

  {
    files: ['src/channels/webchat/public/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'script', ecmaVersion: 2017, globals: { ...globals.browser, WebChat: 'readonly' } },
    rules: {
      // The page keeps to ES2017 syntax (no optional catch binding), so `catch (e)` names what it ignores.
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
    },
  },

  {
    files: ['src/api/agentConsole/public/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'script',
      ecmaVersion: 2017,
      globals: { ...globals.browser, i18next: 'readonly', Chart: 'readonly', KycConsoleTexts: 'readonly' },
    },
  },

  {
    files: ['eslint.config.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
