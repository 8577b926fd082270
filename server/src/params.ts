/**
 * Shape checks of the parameters of the methods the server handles, run by the
 * transport before a handler sees them. Handlers trust their typed params; a client
 * that sends `"text": 12345` in didOpen would otherwise crash the server from a timer
 * (no request to fail) and a string range would reach the engine. Only the fields the
 * handlers read are checked, and only their JSON types: protocol plumbing, no rules.
 */

type Check = (v: unknown) => boolean;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const int: Check = (v) => Number.isInteger(v);
const optional = (c: Check): Check => (v) => v === undefined || v === null || c(v);
const array = (c: Check): Check => (v) => Array.isArray(v) && v.every(c);
const position: Check = (v) => isObj(v) && int(v.line) && int(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
const range: Check = (v) => isObj(v) && position(v.start) && position(v.end);

/** Field name -> check; a nested shape is an object of the same kind. */
interface Shape {
  [field: string]: Check | Shape;
}

const docId: Shape = { uri: str };
const change: Check = (v) => isObj(v) && str(v.text) && optional(range)(v.range);
const diagnostic: Check = (v) => isObj(v) && range(v.range) && str(v.message);

const SHAPES: Record<string, Shape> = {
  'textDocument/didOpen': { textDocument: { uri: str, languageId: str, version: int, text: str } },
  'textDocument/didChange': { textDocument: { uri: str, version: int }, contentChanges: array(change) },
  'textDocument/didSave': { textDocument: docId },
  'textDocument/didClose': { textDocument: docId },
  'textDocument/codeAction': { textDocument: docId, range, context: { diagnostics: array(diagnostic), only: optional(array(str)) } },
  'textDocument/diagnostic': { textDocument: docId, previousResultId: optional(str) },
  'workspace/diagnostic': { previousResultIds: array((v) => isObj(v) && str(v.uri) && str(v.value)) },
  'workspace/executeCommand': { command: str, arguments: optional(Array.isArray) },
  'workspace/didChangeWatchedFiles': { changes: array((v) => isObj(v) && str(v.uri) && int(v.type)) },
  'workspace/didChangeWorkspaceFolders': {
    event: { added: array((v) => isObj(v) && str(v.uri) && str(v.name)), removed: array((v) => isObj(v) && str(v.uri) && str(v.name)) },
  },
};

/** Params that may be omitted entirely, and their optional fields. */
const OPTIONAL_PARAMS: Record<string, Shape> = {
  'ssotLint/complianceReport': { uri: optional(str) },
};

/** What is wrong with `params` for `method` (a field path and what it should be), or undefined when they fit. */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const loose = OPTIONAL_PARAMS[method];
  if (loose) return params === undefined || params === null ? undefined : shapeProblem(loose, params, 'params');
  const shape = SHAPES[method];
  return shape ? shapeProblem(shape, params, 'params') : undefined;
}

function shapeProblem(shape: Shape, value: unknown, where: string): string | undefined {
  if (!isObj(value)) return `${where} must be an object`;
  for (const [field, check] of Object.entries(shape)) {
    const path = `${where}.${field}`;
    if (typeof check === 'function') {
      if (!check(value[field])) return `${path} has the wrong type (${JSON.stringify(value[field])?.slice(0, 80) ?? 'missing'})`;
    } else {
      const inner = shapeProblem(check, value[field], path);
      if (inner) return inner;
    }
  }
  return undefined;
}
