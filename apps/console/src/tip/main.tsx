// The public tip page (/tip/): no login, mobile-first. The first screen is static HTML and inline
// CSS in tip/index.html, replaced by the same markup from React; the form, the status page and the
// notice list (Ant Design) load when asked for.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicApp } from './PublicApp';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicApp />
  </StrictMode>,
);
// For the load benchmark: when the page became usable (React replaced the static first screen).
requestAnimationFrame(() => performance.mark('tip-interactive'));
