import { HttpClient } from '@lw/testing';

/**
 * The services as their users reach them: one base URL per service prefix. In embedded mode all four
 * are the same URL; in distributed mode each is its own process (an ingress would route by prefix).
 */
export interface ServiceUrls {
  vetting: string;
  tipline: string;
  auditing: string;
  grievance: string;
}

export type Service = keyof ServiceUrls;

/** The kit's HTTP client routing by prefix: `path` starts with the service's (`/vetting/…`). */
export class ScenarioClient extends HttpClient {
  constructor(readonly urls: ServiceUrls) {
    // Platform endpoints (/auth, /hierarchy) are served by every host; vetting's will do.
    super((path) => urls[path.split('/')[1] as Service] ?? urls.vetting);
  }
}
