export interface UpdateFile {
  readonly url: string;
  readonly sha512: string;
  readonly size?: number;
}
export interface UpdateInfo {
  readonly version: string;
  readonly files?: readonly UpdateFile[];
  readonly path?: string;
  readonly sha512?: string;
  readonly releaseDate?: string;
}
/** One update-info document listing the files of all `infos`, which must be of one version. */
export function mergeUpdateInfo(infos: readonly UpdateInfo[]): UpdateInfo;
