// electron-updater reads one latest-mac.yml per release, but each macOS architecture is built on
// its own runner and writes its own. This joins them: same version, every file of both.
//
//   node scripts/merge-update-info.mjs <latest-mac.yml>... > latest-mac.yml
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

/** One update-info document listing the files of all `infos`, which must be of one version. */
export function mergeUpdateInfo(infos) {
  const [first, ...rest] = infos;
  if (first === undefined) throw new Error('nothing to merge');
  for (const info of rest) {
    if (info.version !== first.version) throw new Error(`versions differ: ${first.version} and ${info.version}`);
  }
  const files = [];
  for (const info of infos) {
    for (const file of info.files ?? []) {
      const same = files.find((known) => known.url === file.url);
      if (same === undefined) files.push(file);
      else if (same.sha512 !== file.sha512) throw new Error(`${file.url} differs between the builds`);
    }
  }
  const releaseDate = infos
    .map((info) => info.releaseDate)
    .sort()
    .at(-1);
  return { ...first, files, ...(releaseDate === undefined ? {} : { releaseDate }) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const paths = process.argv.slice(2);
  try {
    process.stdout.write(stringify(mergeUpdateInfo(paths.map((path) => parse(readFileSync(path, 'utf8'))))));
  } catch (cause) {
    console.error(`merge-update-info: ${cause instanceof Error ? cause.message : cause}`);
    process.exitCode = 1;
  }
}
