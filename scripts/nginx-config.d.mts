export function nginxBinary(): string | null;
export function writeNginxConfig(options: { dir: string; appPort: number; port: number; extraServers?: string }): string[];
