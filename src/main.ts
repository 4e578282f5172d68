/** Entry point: mounts the app into `#app`, or presentation mode for `?present=1`. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { loadText } from './i18n/i18n.svelte';
import { LANGS } from './i18n/messages';
import { parseUrlState } from './lib/url-state';
import { isPresentSearch } from './present/present-params';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const showApp = () => mount(App, { target });
// The language's text beyond the first screen's is a chunk of its own (src/i18n/messages.ts),
// asked for at once. The Chinese first screen is in already and mounts without waiting; English,
// and presentation mode (its text is all views' text), wait for it, so no page shows an empty
// label or the other language.
const lang = parseUrlState(location.search).lang;
const text = loadText(lang);
// Presentation mode is its own chunk; leaving it mounts the normal view in place.
if (isPresentSearch(location.search))
  void Promise.all([import('./present/start'), text]).then(([m]) => m.startPresentation(target, showApp));
else if (lang === LANGS[0]) showApp();
else void text.then(showApp);
