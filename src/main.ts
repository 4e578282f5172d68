/** Entry point: mounts the app into `#app`, or presentation mode for `?present=1`. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { loadMessages } from './i18n/messages';
import { parseUrlState } from './lib/url-state';
import { isPresentSearch } from './present/chapter-view';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const showApp = () => mount(App, { target });
const start = () => {
  // Presentation mode is its own chunk; leaving it mounts the normal view in place.
  if (isPresentSearch(location.search))
    void import('./present/start').then((m) => m.startPresentation(target, showApp));
  else showApp();
};
// The address's language first: its text is a chunk of its own unless it is the default (zh),
// which is in already, so a Chinese page mounts at once and an English one never shows Chinese.
void loadMessages(parseUrlState(location.search).lang).then(start);
