export function nginxBinary(): string | null;
export function writeNginxConfig(options: { root: string; dir: string; appPort: number; port: number; extraServers?: string }): string[];
