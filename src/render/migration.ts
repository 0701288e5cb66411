import type { MigrationItem, MigrationSource } from '../analyze/migration.js';
import { escapeMd, escapeMdLine } from './markdown.js';

/** The Okta pages each claim rests on (docs/migration.md quotes what each says). */
export const MIGRATION_SOURCES: Record<MigrationSource, { title: string; url: string }> = {
  'api-changes': { title: 'Okta: API changes after the upgrade', url: 'https://developer.okta.com/docs/guides/oie-upgrade-api-changes/main/' },
  audit: { title: 'Okta: Audit your Classic API dependencies', url: 'https://developer.okta.com/docs/guides/oie-upgrade-audit-classic-api-dependencies/main/' },
  sessions: { title: 'Okta: Understand how sessions work after the upgrade', url: 'https://developer.okta.com/docs/guides/oie-upgrade-sessions-api/main/' },
  'classic-only': { title: 'Okta: Classic Engine Content', url: 'https://developer.okta.com/docs/reference/classic-engine' },
  'embedded-api': { title: 'Okta support: Deployment Model - Embedded API', url: 'https://support.okta.com/help/s/article/Deployment-Model-Embedded-API' },
  'widget-migrating': { title: 'okta-signin-widget MIGRATING.md (6.x to 7.x)', url: 'https://github.com/okta/okta-signin-widget/blob/master/MIGRATING.md' },
  'authjs-migrate': { title: 'okta-auth-js: migrate from authn to IDX', url: 'https://github.com/okta/okta-auth-js/blob/master/docs/migrate-from-authn-to-idx.md' },
};

export interface MigrationDoc {
  /** Exchanges read (after --include). */
  exchanges: number;
  items: MigrationItem[];
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function headline(doc: MigrationDoc): string {
  if (doc.items.length === 0) return `No Classic API call in ${plural(doc.exchanges, 'exchange')}: nothing in this evidence depends on the Classic Engine.`;
  const calls = doc.items.find((i) => i.id === 'classic-authn')?.calls ?? 0;
  const n = doc.items.length;
  return `${n} Classic ${n === 1 ? 'dependency' : 'dependencies'} in ${plural(doc.exchanges, 'exchange')}${calls ? ` (${plural(calls, 'Classic /api/v1/authn call')})` : ''}.`;
}

/** Plain text for a terminal: one block per dependency. */
export function renderMigrationText(doc: MigrationDoc): string {
  const out = ['Classic → Identity Engine readiness', headline(doc), ''];
  for (const i of doc.items) {
    out.push(`${i.title}: ${plural(i.calls, 'call')} (${i.places.join(', ')}${i.calls > i.places.length ? ', …' : ''})`);
    out.push(`  Okta documents: ${i.okta}`, `  Replace with: ${i.replacement}`);
    out.push(`  Sources: ${i.sources.map((s) => MIGRATION_SOURCES[s].url).join(' ')}`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderMigrationMarkdown(doc: MigrationDoc): string {
  const out = ['# Classic → Identity Engine readiness', '', escapeMdLine(headline(doc)), ''];
  if (doc.items.length) {
    out.push('| Classic call | Calls | What Okta documents on Identity Engine | Replace with | Sources |', '|---|---:|---|---|---|');
    for (const i of doc.items) {
      const sources = i.sources.map((s) => `[${escapeMd(MIGRATION_SOURCES[s].title)}](${MIGRATION_SOURCES[s].url})`).join(', ');
      out.push(`| ${escapeMd(i.title)} | ${i.calls} | ${escapeMd(i.okta)} | ${escapeMd(i.replacement)} | ${sources} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function renderMigrationJson(doc: MigrationDoc): string {
  const items = doc.items.map((i) => ({ ...i, sources: i.sources.map((s) => MIGRATION_SOURCES[s]) }));
  return `${JSON.stringify({ exchanges: doc.exchanges, items }, null, 2)}\n`;
}
