// ESLint flat config: typescript-eslint strict, plus the Electron boundary rules from STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ELECTRON_ONLY_IN_SHELL = {
  name: 'electron',
  message: "Only src/main/electron/** and src/preload/** may import 'electron' (DESIGN §1).",
};
const ELECTRON_INJECTED_IN_MAIN = {
  name: 'electron',
  allowTypeImports: true,
  message:
    "Main takes Electron's objects as an ElectronApi (src/main/electron/electron-api.ts): only src/main/electron/launch.ts loads 'electron' at run time.",
};
const IPC_ONLY_IN_ONE_FILE = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only src/preload/index.ts uses ipcRenderer.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'release-smoke/**',
      'build/**',
      'coverage/**',
      'node_modules/**',
      'test-results/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY_IN_SHELL] }],
    },
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON_INJECTED_IN_MAIN] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [IPC_ONLY_IN_ONE_FILE] }] },
  },
  {
    files: ['src/main/electron/launch.ts', 'src/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
