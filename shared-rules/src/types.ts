/**
 * Violations, fixes and the rule contract. No editor or LSP types: positions are
 * 0-based line + UTF-16 character, exactly LSP's convention, so faces convert 1:1.
 */
import type { FileFacts, Language, Span } from './facts';
import type { ResolvedConfig, Severity } from './config/types';
import type { WorkspaceIndex } from './index/workspace-index';
import type { FileOutline } from './index/outline';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Score category of a file (names kept from the audited team's checker). */
export type FileCategory = 'real_system' | 'test_files' | 'other';

/** A text edit against one file's text, by UTF-16 offsets. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** Edits to the violation's own file, non-overlapping. */
  edits: OffsetEdit[];
  /** Safe fixes are applied by `--fix` and fix-all; unsafe ones only on explicit request. */
  safe: boolean;
  /** This is the single obvious fix (LSP isPreferred). */
  preferred?: boolean;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Violation {
  rule: string;
  severity: Severity;
  /** Category of the file, for the score. */
  category: FileCategory;
  /** POSIX path relative to the workspace root. */
  file: string;
  range: Range;
  span: Span;
  message: string;
  /** Stable identity for baselines: rule, file, normalised flagged code, occurrence index. */
  fingerprint: string;
  fixes: Fix[];
  /** Why no fix is offered, when the rule is fixable in general. */
  noFixReason?: string;
  related: RelatedLocation[];
}

/** One file as the engine sees it. */
export interface SourceFile {
  /** POSIX path relative to the workspace root. */
  path: string;
  text: string;
  language: Language;
  facts: FileFacts;
  /**
   * The file's outline (index/outline.ts). Rules that read the workspace index look at the
   * checked file through this too, and touch `facts` / `text` only to build a finding: a
   * scan runs them on files whose facts and text are loaded only on demand.
   */
  outline: FileOutline;
  category: FileCategory;
  isTest: boolean;
}

export interface ReportInput {
  span: Span;
  message: string;
  fixes?: Fix[];
  noFixReason?: string;
  related?: RelatedLocation[];
  /** Overrides the configured severity (e.g. file-size's high tier). */
  severity?: Severity;
  /**
   * Where `span` starts and the code it covers, when the rule knows them without the text
   * (a definition's name in an outline, see rules/util.ts nameFinding); the span must lie
   * on one line. A scan's phase 2 then places and fingerprints the finding without reading
   * the file back.
   */
  at?: { line: number; character: number; code: string };
}

export interface RuleContext {
  file: SourceFile;
  config: ResolvedConfig;
  /** This rule's options, merged over its defaults. */
  options: Record<string, unknown>;
  /** Ids of every rule the engine knows (for validating suppression comments). */
  knownRules: ReadonlySet<string>;
  report(v: ReportInput): void;
  /**
   * The workspace index, when the project has one and the rule declares `readsIndex`. It
   * holds the other files' outlines; this file's are `file.outline` / `file.facts`, which
   * may be newer than the index's copy (an unsaved editor buffer).
   */
  index?: WorkspaceIndex;
}

/** Context of a rule's workspace-level pass (findings not tied to one checked source file). */
export interface WorkspaceRuleContext {
  config: ResolvedConfig;
  options: Record<string, unknown>;
  index: WorkspaceIndex;
  /** Workspace-relative POSIX path of the config file, or undefined when the preset is used. */
  configFile: string | undefined;
  /** Text of the config file ('' when there is none), for locating findings in it. */
  configText: string;
  report(v: WorkspaceReportInput): void;
}

export interface WorkspaceReportInput {
  /** Workspace-relative POSIX path the finding is shown on. */
  file: string;
  /** Text of that file ('' when it does not exist), to turn the span into a range. */
  text: string;
  span: Span;
  message: string;
  related?: RelatedLocation[];
}

export type RuleTag = 'environment' | 'testing' | 'size' | 'imports' | 'naming' | 'suppressions' | 'architecture';

export interface RuleMeta {
  id: string;
  tag: RuleTag;
  /** One line: what it finds. */
  summary: string;
  defaultSeverity: Severity;
  languages: Language[];
  fixable: boolean;
  /** Defaults for options; the config's options are shallow-merged over these. */
  defaultOptions: Record<string, unknown>;
  /**
   * `workspace`: the rule needs the workspace index (other files' outlines) and runs only
   * when the project has one. Absent means a file rule, which may still use the index
   * for extras such as related locations.
   */
  scope?: 'file' | 'workspace';
  /**
   * The rule reads `ctx.index`, so its result on a file depends on other files. Only these
   * rules get the index; the others run in scan workers, where there is none (the engine
   * hands them `index: undefined`, so an undeclared read cannot pass unnoticed).
   */
  readsIndex?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  /** Findings about the workspace as a whole (e.g. a configured module missing); run once per scan. */
  checkWorkspace?(ctx: WorkspaceRuleContext): void;
}
