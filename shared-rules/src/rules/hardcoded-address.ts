/**
 * hardcoded-address: IPv4 literals and URLs with a host, written into production code
 * outside the configuration modules. Addresses differ per environment; the one place
 * that knows them is the configuration (the environment, the unified API config).
 * Namespace URLs that are identifiers rather than addresses (XML/SVG/JSON-schema) are
 * allowed by host.
 */
import type { Rule } from '../types';

interface Options {
  configFiles: string[];
  allowHosts: string[];
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?(\[[^\]]+\]|[^/:?#\s'"]+)/i;
const IPV4_RE = /(?:^|[^\d.])((?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(?![\d.]*\d)/;

export const hardcodedAddress: Rule = {
  meta: {
    id: 'hardcoded-address',
    tag: 'architecture',
    summary: 'No hardcoded URLs or IP addresses in production code outside configuration modules.',
    defaultSeverity: 'warning',
    languages: ['python', 'typescript', 'javascript'],
    fixable: false,
    defaultOptions: {
      configFiles: ['**/config.py', '**/config/**', '**/settings.py', '**/settings/**', '**/*config.ts', '**/*config.tsx', '**/*-config.ts', 'shared/isolated_environment.py'],
      allowHosts: ['www.w3.org', 'w3.org', 'json-schema.org', 'schemas.xmlsoap.org', 'example.com', 'example.org', 'www.example.com'],
    },
  },
  check(ctx) {
    const o = ctx.options as unknown as Options;
    if (ctx.file.category !== 'real_system') return;
    if (o.configFiles.some((g) => glob(g).test(ctx.file.path))) return;
    for (const s of ctx.file.facts.strings) {
      const url = URL_RE.exec(s.value.trim());
      const host = url?.[1];
      if (url && host && !o.allowHosts.includes(host.toLowerCase())) {
        ctx.report({ span: s.span, message: `Hardcoded address ${shorten(s.value.trim().replace(/\/\/[^/@\s]*@/, '//***@'))} (host ${host}): read it from configuration` });
        continue;
      }
      const ip = !url ? IPV4_RE.exec(s.value)?.[1] : undefined;
      if (ip) ctx.report({ span: s.span, message: `Hardcoded IP address ${ip}: read it from configuration` });
    }
  },
};

/** Credentials in a URL stay out of messages and reports. */
function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const globs = new Map<string, RegExp>();
function glob(g: string): RegExp {
  let re = globs.get(g);
  if (!re) {
    const src = g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\/\*\*$/, '/.*').replace(/(?<![.*])\*(?!\*)/g, '[^/]*');
    globs.set(g, (re = new RegExp(`^${src}$`)));
  }
  return re;
}
