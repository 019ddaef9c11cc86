/**
 * Ctrl-C at a prompt: the command stops with exit 130 (128 + SIGINT, as a shell reports a
 * process killed by it), so `keyturn add … && deploy` does not carry on.
 */
export class Interrupted extends Error {
  constructor() {
    super('Interrupted');
    this.name = 'Interrupted';
  }
}
