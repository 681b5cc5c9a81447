import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app/App';
import './styles/index.css';

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');

// The first render runs as a transition, which React renders in slices and yields between:
// a phone's main thread is never blocked for the whole app's first render at once (Lighthouse's
// total blocking time on the home page).
startTransition(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
