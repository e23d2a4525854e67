/** The four services; each owns a PostgreSQL schema of the same name and a Kafka topic. */
export const SERVICES = ['vetting', 'tipline', 'auditing', 'grievance'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICES as readonly string[]).includes(name);
}
