import { createRoot } from 'react-dom/client';
import { startAdmin } from './app/start-admin';
import './styles.css';

const root = document.getElementById('root');
if (root) void startAdmin(createRoot(root));
