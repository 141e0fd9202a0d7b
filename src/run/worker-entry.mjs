// Worker entry: registers tsx so the TypeScript worker can load, then runs it.
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
