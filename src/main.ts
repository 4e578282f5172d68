/** Entry point: mounts the app into `#app`, or presentation mode for `?present=1`. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { isPresentSearch } from './present/chapter-view';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const showApp = () => mount(App, { target });
// Presentation mode is its own chunk; leaving it mounts the normal view in place.
if (isPresentSearch(location.search))
  void import('./present/start').then((m) => m.startPresentation(target, showApp));
else showApp();
