// Imported by the admin screens' chunk: their messages arrive with them (see ../add-area.ts).
import { addArea } from '../add-area';
import de from '../locales/admin.de.json';
import en from '../locales/admin.en.json';

addArea({ en, de });
