// Worker entry: plain JavaScript so it can start without a loader; it registers tsx and loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker-impl.ts');
