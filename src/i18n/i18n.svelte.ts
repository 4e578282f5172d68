/**
 * The current interface language as reactive state. Components call `t()` and `pick()` in
 * their markup; both read `i18n.lang`, so switching language re-renders exactly the text that
 * depends on it. `setLang` also updates `<html lang>` and the document title, which screen
 * readers and font selection (CJK glyph variants) depend on.
 */
import {
  canShow,
  fillPlaceholders,
  HTML_LANG,
  LANGS,
  loadMessages,
  message,
  type Lang,
  type MessageKey,
} from './messages';

let current = $state<Lang>(LANGS[0]);
/** Bumped when a part of the text arrives, so text read before it (empty) is read again. */
let textVersion = $state(0);

/** Read-only view of the current language. */
export const i18n = {
  get lang(): Lang {
    return current;
  },
};

/**
 * Switches the interface language and the document's language attributes. The language must be
 * showable (`canShow`: Chinese always, another once `loadText` is done); `switchLang` loads it.
 */
export function setLang(lang: Lang): void {
  const title = message(lang, 'site.title');
  current = lang;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = HTML_LANG[lang];
    document.title = title;
  }
}

/** Loads the whole of `lang`'s text (chunks of their own, once) and re-reads text shown before. */
export async function loadText(lang: Lang): Promise<void> {
  await loadMessages(lang);
  textVersion++;
}

/**
 * Switches to `lang`: at once when its first screen's text is in (Chinese always, English once
 * loaded), the rest of its text following; otherwise once its text has loaded.
 */
export async function switchLang(lang: Lang): Promise<void> {
  if (canShow(lang)) {
    setLang(lang);
    await loadText(lang);
    return;
  }
  await loadText(lang);
  setLang(lang);
}

/** Interface text for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  void textVersion;
  return fillPlaceholders(message(current, key), params);
}

/** The current language's member of a `{ zh, en }` label (the shape used across src/domain). */
export function pick(label: { readonly zh: string; readonly en: string }): string {
  return label[current];
}
