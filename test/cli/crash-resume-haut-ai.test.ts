// Issue 9's CLI crash scenarios against the haut-ai emulator (the scenarios: crash-resume.ts).
import { crashResumeSuite } from './crash-resume';

crashResumeSuite('haut-ai');
