import { describe, expect, it } from 'vitest';
import { mergeFeatureFiles, type Messages } from '@/i18n/merge';

type Tree = Messages;
const ru = mergeFeatureFiles(
  import.meta.glob<{ default: Tree }>('@/i18n/locales/ru/*.json', { eager: true }),
);
const en = mergeFeatureFiles(
  import.meta.glob<{ default: Tree }>('@/i18n/locales/en/*.json', { eager: true }),
);

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locales', () => {
  const source = flatten(ru as Tree);
  const english = flatten(en as Tree);

  it('English has exactly the keys of the Russian source', () => {
    expect([...english.keys()].sort()).toEqual([...source.keys()].sort());
  });

  it('no message is empty', () => {
    for (const [key, message] of [...source, ...english]) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('translations keep the placeholders of the source', () => {
    for (const [key, message] of source) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });

  it('every feature file exists in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  it('keys inside each feature file are sorted, so merges stay clean', () => {
    const check = (tree: Tree, path: string) => {
      const keys = Object.keys(tree);
      expect(keys, path).toEqual([...keys].sort());
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value !== 'string') check(value, `${path}.${key}`);
      }
    };
    for (const [feature, tree] of Object.entries(ru)) check(tree as Tree, `ru.${feature}`);
    for (const [feature, tree] of Object.entries(en)) check(tree as Tree, `en.${feature}`);
  });
});
