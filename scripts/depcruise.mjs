// Runs dependency-cruiser (same arguments as its CLI) with a TypeScript it can use.
// dependency-cruiser 17 (the last on Node 20) loads the compiler by the bare name `typescript` and needs < 7;
// the project's compiler is TypeScript 7, which has no JavaScript API. So for dependency-cruiser's files only,
// `typescript` resolves to `typescript-5`, an npm alias of TypeScript 5 installed just for this tool.
import Module, { register } from 'node:module';
import { sep } from 'node:path';

const TOOL_DIR = `${sep}node_modules${sep}dependency-cruiser${sep}`;
const toTs5 = (request) =>
  request === 'typescript' || request.startsWith('typescript/') ? `typescript-5${request.slice('typescript'.length)}` : request;

// require(): dependency-cruiser reads typescript/package.json to check the version.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  return resolveFilename.call(this, parent?.filename?.includes(TOOL_DIR) ? toTs5(request) : request, parent, ...rest);
};

// import(): dependency-cruiser loads the compiler itself.
const hook = `
export async function resolve(specifier, context, next) {
  const fromTool = context.parentURL?.includes('/node_modules/dependency-cruiser/');
  const ts = specifier === 'typescript' || specifier.startsWith('typescript/');
  return next(fromTool && ts ? 'typescript-5' + specifier.slice('typescript'.length) : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

// The CLI is not in the package's exports: load it by file, next to the package's main module.
await import(new URL('../../bin/dependency-cruise.mjs', import.meta.resolve('dependency-cruiser')).href);
