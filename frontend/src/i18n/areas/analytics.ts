// Imported by the analytics screens' chunk: their messages arrive with them (see ../add-area.ts).
import { addArea } from '../add-area';
import de from '../locales/analytics.de.json';
import en from '../locales/analytics.en.json';

addArea({ en, de });
