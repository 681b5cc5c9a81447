// Imported by the door screens' chunk: their messages arrive with them (see ../add-area.ts).
import { addArea } from '../add-area';
import de from '../locales/door.de.json';
import en from '../locales/door.en.json';

addArea({ en, de });
