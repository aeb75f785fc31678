export interface Serving {
  protocol: 'http' | 'https';
  port: number;
  /** The listen host; unset means every interface. */
  host?: string;
  fingerprint256: string | null;
}

/** Records what this process's app server serves (bin/serve.mjs, once listening). */
export declare function publishServing(serving: Serving): void;
/** What GET /api/v1/server-info answers, from what was published (or nothing known). */
export declare function servingInfo(): { https: boolean; lanUrls: string[]; fingerprint256: string | null };
