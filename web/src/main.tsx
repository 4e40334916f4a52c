import { render } from 'preact';
import { App } from './App';
import { currentLang } from './i18n';
import './styles.css';

document.documentElement.lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
const root = document.getElementById('app');
if (root) render(<App />, root);
