/** A description of the machine and software a run measured on, for the head of RESULTS.md. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { toolVersions } from './tools.js';
import { OCTOKIT_OPENAPI_VERSION } from '../scripts/github-spec.js';

export interface Machine {
  cpuModel: string;
  /** Logical CPUs this process may use. */
  cores: number;
  memoryGiB: number;
  os: string;
  /** Hypervisor, when /proc/cpuinfo names one. */
  virtualised: boolean;
  node: string;
  v8: string;
  /** Versions of tokenkit and of every peer measured. */
  tools: Record<string, string>;
  githubSpec: string;
}

function cpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}

/** Describes this machine. */
export function describeMachine(): Machine {
  const info = cpuinfo();
  return {
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    virtualised: /^flags\s*:.*\bhypervisor\b/m.test(info),
    node: process.version,
    v8: process.versions.v8,
    tools: toolVersions(),
    githubSpec: `@octokit/openapi ${OCTOKIT_OPENAPI_VERSION} (api.github.com.json)`,
  };
}
