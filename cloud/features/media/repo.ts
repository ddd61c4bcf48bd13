import type { MediaType } from '../../contracts/media-format';

export interface MediaBlob {
  sha256: string;
  type: MediaType;
  size: number;
  width: number;
  height: number;
  data: Buffer;
}

export interface MediaUploadRow {
  sha256: string;
  type: MediaType;
  orgId: string | null;
  orgName: string | null;
  uploadedAt: string;
}

export interface MediaRepo {
  /**
   * Stores the image unless the same content is already kept (one atomic step), and records the
   * upload either way. `reused` says whether the bytes were already there.
   */
  put(input: Omit<MediaBlob, 'size'> & { memberId: number; orgId: string | null; at: Date }): Promise<{ reused: boolean }>;
  get(sha256: string): Promise<MediaBlob | null>;
  exists(sha256: string): Promise<boolean>;
  /** A member's own uploads, newest first (for "我的数据"). */
  uploadsBy(memberId: number): Promise<MediaUploadRow[]>;
}
