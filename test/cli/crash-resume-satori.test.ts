// Issue 9's CLI crash scenarios against the satori emulator (the scenarios: crash-resume.ts).
import { crashResumeSuite } from './crash-resume';

crashResumeSuite('satori');
