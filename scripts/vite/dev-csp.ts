/**
 * Vite plugin relaxing index.html's Content-Security-Policy on the dev server only: hot
 * reload injects `<style>` elements and talks over a WebSocket, and the dev server's
 * pre-bundled @deck.gl/geo-layers evaluates meshoptimizer's WebAssembly decoder at import
 * (production tree-shaking drops it), all of which the production policy rightly forbids.
 * `vite build` output keeps the strict policy untouched.
 */
import type { Plugin } from 'vite';

/** Rewrites the policy's script-src, style-src and connect-src for `vite` (serve), not for `vite build`. */
export function devCspPlugin(): Plugin {
  return {
    name: 'renovation-atlas:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    },
  };
}
