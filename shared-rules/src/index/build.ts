/**
 * Creating a project's index: its options come from the config (sourceRoots) and the
 * workspace's tsconfig files. Faces that manage files themselves (a language server)
 * call createWorkspaceIndex and then `index.update(path, facts)` per file.
 */
import { needsDefinitionShapes, type Project } from '../engine/check';
import { readSource } from '../engine/source-io';
import { createTsconfigLookup, type TsconfigRead } from './tsconfig';
import { WorkspaceIndex } from './workspace-index';

/**
 * `tsconfigReads`: gets every tsconfig answer the index's TS import resolution relies on.
 * `heldText`: the text of a file the caller holds newer than the disk (an editor buffer),
 * else undefined; class shapes are computed from it, or from the file on disk.
 */
export function createWorkspaceIndex(project: Project, tsconfigReads?: TsconfigRead[], heldText?: (file: string) => string | undefined): WorkspaceIndex {
  return new WorkspaceIndex({
    sourceRoots: project.config.sourceRoots,
    tsPaths: createTsconfigLookup(project.root, tsconfigReads),
    scope: project.scope,
    comparesShapes: (file) => needsDefinitionShapes(project, file),
    textOf: (file) => heldText?.(file) ?? diskText(project.root, file),
  });
}

function diskText(root: string, file: string): string | undefined {
  const src = readSource(root, file);
  return 'reason' in src ? undefined : src.text;
}
