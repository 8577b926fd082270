/**
 * Creating a project's index: its options come from the config (sourceRoots) and the
 * workspace's tsconfig files. Faces that manage files themselves (a language server)
 * call createWorkspaceIndex and then `index.update(path, facts)` per file.
 */
import type { Project } from '../engine/check';
import { createTsconfigLookup } from './tsconfig';
import { WorkspaceIndex } from './workspace-index';

export function createWorkspaceIndex(project: Project): WorkspaceIndex {
  return new WorkspaceIndex({ sourceRoots: project.config.sourceRoots, tsPaths: createTsconfigLookup(project.root), scope: project.scope });
}
