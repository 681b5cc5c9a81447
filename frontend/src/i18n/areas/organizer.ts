// Imported by the organizer screens' chunk: their messages arrive with them (see ../add-area.ts).
import { addArea } from '../add-area';
import de from '../locales/organizer.de.json';
import en from '../locales/organizer.en.json';

addArea({ en, de });
