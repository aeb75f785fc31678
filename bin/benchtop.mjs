#!/usr/bin/env node
// `npx benchtop …`: the command line built to JS (dist/cli.mjs, by scripts/build-cli.mjs at install).
const { main } = await import('../dist/cli.mjs').catch((error) => {
  console.error(`benchtop: dist/cli.mjs is missing (${error.code ?? error.message}); run \`npm run build:cli\` (npm ci does it)`);
  process.exit(1);
});
process.exitCode = await main(process.argv.slice(2));
