/** The script of a phase 1 worker thread in the engine's build (see scan-worker.ts). */
import { serveScanWorker } from './scan-worker';

serveScanWorker();
