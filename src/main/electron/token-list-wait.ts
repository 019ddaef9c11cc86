/**
 * Right after an unlock the window's first screen goes first: it does not need the token list,
 * and main decrypts the list on idle turns after that screen (api/first-screen.ts). What else
 * wants the whole list at an unlock (the tray's tokens, the scheduler's first plan) waits for it
 * here, checking every POLL_MS, and after POLLS checks goes on anyway and decrypts it itself (a
 * hidden window never asks). Asking at once would decrypt the list before the window's first
 * request is read: ~330 ms of main's CPU at 100k tokens (bench/README.md).
 */
import type { Vault } from '../vault/types';

const POLL_MS = 250;
const POLLS = 8;

/** Resolves once the list is decrypted, the vault locked, or about 2 s have passed. */
export async function waitForTokenList(vault: Vault): Promise<void> {
  for (let polls = 0; polls < POLLS && !vault.isLocked && !vault.isTokenListLoaded(); polls++) {
    await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS).unref());
  }
}
