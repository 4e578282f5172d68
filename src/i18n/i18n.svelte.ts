/**
 * The current interface language as reactive state. Components call `t()` and `pick()` in
 * their markup; both read `i18n.lang`, so switching language re-renders exactly the text that
 * depends on it. `setLang` also updates `<html lang>` and the document title, which screen
 * readers and font selection (CJK glyph variants) depend on.
 */
import {
  fillPlaceholders,
  HTML_LANG,
  LANGS,
  loadMessages,
  messagesOf,
  type Lang,
  type MessageKey,
} from './messages';

let current = $state<Lang>(LANGS[0]);

/** Read-only view of the current language. */
export const i18n = {
  get lang(): Lang {
    return current;
  },
};

/**
 * Switches the interface language and the document's language attributes. The language's text
 * must be in already (`loadMessages`, as src/main.ts does for the address's language before the
 * page mounts); `switchLang` loads it first.
 */
export function setLang(lang: Lang): void {
  const title = messagesOf(lang)['site.title'];
  current = lang;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = title;
  }
}

/** Loads `lang`'s text when it is not in yet (a chunk of its own), then switches to it. */
export async function switchLang(lang: Lang): Promise<void> {
  await loadMessages(lang);
  setLang(lang);
}

/** Interface text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return fillPlaceholders(messagesOf(current)[key], params);
}

/** The current language's member of a `{ zh, en }` label (the shape used across src/domain). */
export function pick(label: { readonly zh: string; readonly en: string }): string {
  return label[current];
}
