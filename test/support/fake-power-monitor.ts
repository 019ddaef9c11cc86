/** A power monitor whose idle time and events the test controls. */
import { EventEmitter } from 'node:events';
import type { PowerMonitorLike } from '../../src/main/electron/idle-lock';

export class FakePowerMonitor extends EventEmitter implements PowerMonitorLike {
  idleSeconds = 0;

  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
}
