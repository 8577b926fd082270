/** Public API of the engine. Faces import from here only. */
export * from './facts';
export * from './types';
export * from './config/types';
export * from './report';
export * from './text';
export { allRules, ruleById } from './rules';
export { createProject, checkFile, extractFacts, languageOf, makeSourceFile, safeFixOf, type Project, type FileResult, type InternalError } from './engine/check';
export { scanWorkspace, readSource, decodeFile, type ScanResult, type SkippedFile, type DecodedFile } from './engine/scan';
export { fixAll, type FixAllResult } from './engine/fix-all';
export { applyEdits } from './fix/apply';
export { loadConfig, parseConfigText } from './config/load';
export { discoverFiles } from './workspace/discover';
export { decodePythonSource, encodePythonSource } from './lang/python/decode';
export * from './baseline';
