/**
 * A vitest globalSetup: one headless Chromium for the whole run, shared by the page tests (each
 * file connects and opens its own context, so cookies, routes and the offline switch stay its
 * own). A launch costs a second or two of CPU; the page test files used to launch four.
 * Nothing is launched when the browser is missing: test/browser.ts says so, or fails under CI.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.js';

export default async function launchSharedBrowser(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) {
    project.provide('chromiumEndpoint', '');
    return async () => {};
  }
  const server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
