// Module boundaries (docs/architecture.md, "Module boundaries"), checked by ESLint's own
// no-restricted-imports on the import paths, so no plugin has to resolve files:
// - outside a module, only its index.ts is imported;
// - a module's readModel.ts or <concern>ReadModel.ts (in the module's own folder, not a subfolder), the declared homes of read models that join other modules' tables,
//   may also import their schema.ts (the tables, never their repository or service);
// - db/schema.ts is the one list of every table, for Drizzle and drizzle-kit: nothing imports it;
// - platform/ sits below every module and imports none;
// - modules stand in layers (MODULE_LAYERS, lowest first): a module imports only those below it; one
//   below reacts to one above through the guards, hooks and events the upper one registers.

import { readdirSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

const internalsOfAModule = {
  regex: '(^|/)modules/[a-z]+/(?!index$)[^/]+',
  message: 'Outside a module, import only its index.ts (the public surface).',
};
const internalsOfASiblingModule = {
  regex: '^\\.\\./(?!\\.)[^/]+/(?!index$)',
  message: "Import another module through its index.ts; a read model that joins its tables lives in this module's readModel.ts.",
};
const internalsOfASiblingModuleButTables = {
  regex: '^\\.\\./(?!\\.)[^/]+/(?!(index|schema)$)',
  message: "A read model reads another module's tables (schema.ts); anything else comes through its index.ts.",
};
const allTables = {
  regex: '(^|/)db/schema$',
  message: "db/schema.ts gathers every table for Drizzle and drizzle-kit; read another module's tables in a readModel.ts.",
};
const platformTables = {
  regex: '(^|/)platform/schema$',
  message: "Platform's tables are read through its services (or joined in a readModel.ts).",
};
const anyModule = {
  regex: '(^|/)modules(/|$)',
  message: 'platform/ sits below the modules and imports none of them.',
};

/** Lowest first; every module in server/src/modules has its place here. */
export const MODULE_LAYERS = ['catalog', 'inventory', 'customers', 'orders', 'fulfillment', 'logistics', 'aftersales', 'reports'];

const unplaced = readdirSync(fileURLToPath(new URL('./server/src/modules', import.meta.url))).filter((name) => !MODULE_LAYERS.includes(name));
if (unplaced.length) throw new Error(`eslint.boundaries.js: give module(s) ${unplaced.join(', ')} a place in MODULE_LAYERS`);

const modulesAbove = (name) => {
  const above = MODULE_LAYERS.slice(MODULE_LAYERS.indexOf(name) + 1);
  return {
    regex: `^\\.\\./(${above.join('|') || '(?!)'})(/|$)`,
    message: `${name} sits below ${above.join(', ')}: it reacts to them through the guards, hooks and events they register, and app.ts hands it what it needs from them.`,
  };
};

/** A rule on relative imports, for a file one folder down in its module (modules/<name>/<folder>/*.ts): other modules are one `../` further. */
const oneFolderDown = (pattern) => ({ ...pattern, regex: pattern.regex.replace(/^\^/, '^\\.\\./') });

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export const moduleBoundaries = [
  { files: ['server/**/*.ts', 'bench/**/*.ts'], rules: restrict(internalsOfAModule, allTables) },
  ...MODULE_LAYERS.flatMap((name) => [
    { files: [`server/src/modules/${name}/*.ts`], rules: restrict(internalsOfAModule, allTables, internalsOfASiblingModule, platformTables, modulesAbove(name)) },
    { files: [`server/src/modules/${name}/readModel.ts`, `server/src/modules/${name}/*ReadModel.ts`], rules: restrict(internalsOfAModule, allTables, internalsOfASiblingModuleButTables, modulesAbove(name)) },
    {
      files: [`server/src/modules/${name}/*/*.ts`],
      rules: restrict(internalsOfAModule, allTables, oneFolderDown(internalsOfASiblingModule), platformTables, oneFolderDown(modulesAbove(name))),
    },
  ]),
  { files: ['server/src/platform/**/*.ts'], rules: restrict(allTables, anyModule) },
  { files: ['server/src/db/schema.ts'], rules: { 'no-restricted-imports': 'off' } },
];
