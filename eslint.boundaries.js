// Module boundaries (docs/architecture.md, "Module boundaries"), checked by ESLint's own
// no-restricted-imports on the import paths, so no plugin has to resolve files:
// - outside a module, only its index.ts is imported;
// - a module's readModel.ts, the declared home of a read model that joins other modules' tables,
//   may also import their schema.ts (the tables, never their repository or service);
// - db/schema.ts is the one list of every table, for Drizzle and drizzle-kit: nothing imports it;
// - platform/ sits below every module and imports none.

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

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export const moduleBoundaries = [
  { files: ['server/**/*.ts', 'bench/**/*.ts'], rules: restrict(internalsOfAModule, allTables) },
  { files: ['server/src/modules/*/*.ts'], rules: restrict(internalsOfAModule, allTables, internalsOfASiblingModule, platformTables) },
  { files: ['server/src/modules/*/readModel.ts'], rules: restrict(internalsOfAModule, allTables, internalsOfASiblingModuleButTables) },
  { files: ['server/src/platform/**/*.ts'], rules: restrict(allTables, anyModule) },
  { files: ['server/src/db/schema.ts'], rules: { 'no-restricted-imports': 'off' } },
];
