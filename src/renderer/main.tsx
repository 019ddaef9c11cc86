import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './screens/app';
import './styles/theme.css';
import './styles/base.css';
import './styles/screens.css';
import './styles/sidebar.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/dialog.css';
import './styles/settings.css';
import './styles/audit.css';
import './styles/palette.css';
import './styles/onboarding.css';
import './styles/forced-colors.css';

const root = document.getElementById('root');
if (root === null) throw new Error('Missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
