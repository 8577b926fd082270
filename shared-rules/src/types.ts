/**
 * Violations, fixes and the rule contract. No editor or LSP types: positions are
 * 0-based line + UTF-16 character, exactly LSP's convention, so faces convert 1:1.
 */
import type { FileFacts, Language, Span } from './facts';
import type { ResolvedConfig, Severity } from './config/types';

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
}

export interface RuleContext {
  file: SourceFile;
  config: ResolvedConfig;
  /** This rule's options, merged over its defaults. */
  options: Record<string, unknown>;
  /** Ids of every rule the engine knows (for validating suppression comments). */
  knownRules: ReadonlySet<string>;
  report(v: ReportInput): void;
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
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
