/** Entry point of the page (index.html): start the live lab. */
import './ui/style.css';
import './ui/small.css';
import './ui/presentation.css';
import { startApp } from './ui/app';
import { registerOffline } from './ui/offline';

startApp().catch((error: unknown) => {
  document.documentElement.dataset.phase = 'error';
  const status = document.getElementById('status');
  if (status) status.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});

registerOffline();
