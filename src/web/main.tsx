import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);
