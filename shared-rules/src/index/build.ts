/**
 * Creating a project's index: its options come from the config (sourceRoots) and the
 * workspace's tsconfig files. Faces that manage files themselves (a language server)
 * call createWorkspaceIndex and then `index.update(path, facts)` per file.
 */
import type { Project } from '../engine/check';
import { createTsconfigLookup, type TsconfigRead } from './tsconfig';
import { WorkspaceIndex } from './workspace-index';

/** `tsconfigReads`: gets every tsconfig answer the index's TS import resolution relies on. */
export function createWorkspaceIndex(project: Project, tsconfigReads?: TsconfigRead[]): WorkspaceIndex {
  return new WorkspaceIndex({ sourceRoots: project.config.sourceRoots, tsPaths: createTsconfigLookup(project.root, tsconfigReads), scope: project.scope });
}
