/**
 * Entry point of the page (index.html): start the simulation worker at once, then load and start the
 * live lab. The worker's module loads and compiles while the page's own bundle (PixiJS, the panels)
 * still does — the two overlap instead of following each other (docs/ARCHITECTURE.md §Start-up).
 */
import './ui/style.css';
import './ui/small.css';
import './ui/presentation.css';
import { startPageClient } from './client/pageStart';

const started = startPageClient(window.location.search);

/**
 * The service worker precaches the whole site (several MB, the HDF5 library among it): registered
 * only once the first network runs, and a little later, so its downloads and their parsing do not
 * compete with the first frame for the network and the cores.
 */
const OFFLINE_AFTER_START_MS = 2000;

function showStartError(error: unknown): void {
  document.documentElement.dataset.phase = 'error';
  const status = document.getElementById('status');
  if (status) status.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
}

import('./ui/app')
  .then(({ startApp }) => startApp(window, started))
  .catch(showStartError)
  .finally(() =>
    setTimeout(() => {
      void import('./ui/offline').then(({ registerOffline }) => registerOffline()).catch(showStartError);
    }, OFFLINE_AFTER_START_MS),
  );
