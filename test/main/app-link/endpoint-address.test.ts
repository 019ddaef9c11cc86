import { describe, expect, it } from 'vitest';
import { endpointPlace, isPipeName, pipeNameFor, socketPathFits } from '../../../src/main/app-link/endpoint-address';
import { cliApprovalHandlers } from '../../../src/main/api/cli-approval-handlers';
import type { AppContext } from '../../../src/main/api/context';

describe('where the app link lives', () => {
  it('is a socket in app-link/ of the data folder on Linux and macOS', () => {
    expect(endpointPlace('/home/dev/.config/Keyturn', 'linux')).toEqual({
      kind: 'unix',
      folder: '/home/dev/.config/Keyturn/app-link',
      socket: '/home/dev/.config/Keyturn/app-link/cli.sock',
      keyFile: '/home/dev/.config/Keyturn/app-link/link-key',
    });
  });

  it("is a named pipe on Windows, found through a file in the user's profile", () => {
    expect(endpointPlace('C:\\Users\\dev\\AppData\\Roaming\\Keyturn', 'win32')).toEqual({
      kind: 'pipe',
      folder: 'C:\\Users\\dev\\AppData\\Roaming\\Keyturn\\app-link',
      nameFile: 'C:\\Users\\dev\\AppData\\Roaming\\Keyturn\\app-link\\pipe-name',
      keyFile: 'C:\\Users\\dev\\AppData\\Roaming\\Keyturn\\app-link\\link-key',
    });
    const name = pipeNameFor('0123456789abcdef0123456789abcdef');
    expect(name).toBe('\\\\.\\pipe\\keyturn-app-link-0123456789abcdef0123456789abcdef');
    expect(isPipeName(name)).toBe(true);
    // A name file that says anything else is not followed.
    expect(isPipeName('\\\\.\\pipe\\somebody-else')).toBe(false);
    expect(isPipeName(`${name}\\..\\x`)).toBe(false);
    expect(isPipeName('/tmp/cli.sock')).toBe(false);
  });

  it("refuses socket paths longer than the system's sun_path", () => {
    expect(socketPathFits(`/${'a'.repeat(106)}`, 'linux')).toBe(true);
    expect(socketPathFits(`/${'a'.repeat(107)}`, 'linux')).toBe(false);
    expect(socketPathFits(`/${'a'.repeat(102)}`, 'darwin')).toBe(true);
    expect(socketPathFits(`/${'a'.repeat(103)}`, 'darwin')).toBe(false);
    expect(socketPathFits(`/${'é'.repeat(54)}`, 'linux')).toBe(false);
  });
});

describe("the window's approval actions without an app link (the CLI, the browser bridge)", () => {
  it('have nothing waiting and settle nothing', async () => {
    const context = {} as AppContext;
    expect(await cliApprovalHandlers['cli-approvals:pending']({}, context)).toEqual([]);
    expect(await cliApprovalHandlers['cli-approval:answer']({ id: 'x', decision: 'approve' }, context)).toEqual({
      settled: false,
    });
  });
});
