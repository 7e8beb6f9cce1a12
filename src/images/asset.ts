/** An original image as the content knows it once probed (src/content/images.ts). */
export interface ImageAsset {
  /** Path relative to the data folder, as written in records ("images/demo/x.jpg"). */
  path: string;
  /** Site-relative URL the image is served at ("/images/demo/x.jpg"). */
  url: string;
  width: number;
  height: number;
  /** Fingerprint of the original's bytes: names its responsive variants (src/images/variants.ts). */
  hash: string;
}
