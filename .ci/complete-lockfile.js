#!/usr/bin/env node
/**
 * The npm registry this project is built against lacks some other platforms' prebuilt
 * binaries (e.g. @swc/core-darwin-arm64 of the current release), so `npm install` leaves them
 * out of package-lock.json and `npm ci` then refuses the lock file as out of sync. This adds
 * an entry for every optional dependency the lock lacks, with the os, cpu and libc its name
 * states, so `npm ci` skips it on other platforms exactly as it would with the full registry.
 * Run it after every `npm install` that changes dependencies: `npm run lock:complete`.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const oses = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix'];
const cpus = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm'];

function platformOf(name) {
  const parts = name.toLowerCase().split(/[-/@]/);
  const os = oses.find((o) => parts.includes(o));
  const cpu = cpus.find(
    (c) => parts.includes(c) || parts.includes(`${c}eabihf`) || parts.includes(`${c}eabi`),
  );
  if (!os || !cpu) return undefined;
  const libc = parts.some((p) => p.startsWith('musl'))
    ? ['musl']
    : parts.includes('gnu') || parts.includes('gnueabihf')
      ? ['glibc']
      : undefined;
  return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc } : {}) };
}

let added = 0;
for (const entry of Object.values(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const platform = platformOf(name);
    if (lock.packages[key] || !platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    lock.packages[key] = { version: spec, optional: true, ...platform };
    added += 1;
  }
}
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform-specific optional package(s) completed`);
