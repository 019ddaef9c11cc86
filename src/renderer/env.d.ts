import type { KeyturnApi } from '../preload/api';

declare global {
  interface Window {
    readonly keyturn: KeyturnApi;
  }
}
