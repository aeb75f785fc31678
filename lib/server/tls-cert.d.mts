/** A sentence for the operator about their TLS settings (printed, then exit code 1). */
export declare class TlsConfigError extends Error {}

export interface ServedCertificate {
  cert: string;
  key: string;
  /** SHA-256 fingerprint as `AB:CD:…`, the form browsers and `tls` show. */
  fingerprint256: string;
  source: 'operator' | 'generated' | 'reused';
  certFile: string;
}

/** The operator's pair when given, else the kept self-signed one (generated when it cannot serve). */
export declare function resolveCertificate(options: { dataDir: string; certFile?: string; keyFile?: string; log?: (line: string) => void; now?: Date }): Promise<ServedCertificate>;
/** DNS names and IP addresses a generated certificate carries. */
export declare function certificateNames(): { dns: string[]; ips: string[] };
