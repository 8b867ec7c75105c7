import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSettingsFile } from '../settings/detection-settings.service';
import { numberSection } from '../settings/settings-section.util';
import { CompiledNetwork, compileNetworks } from './network-key.util';

export interface ForeignNetworkSettings {
  /** Calendar days of the account's own past that make "what it has used". */
  historyDays: number;
  /** Fewer active days than this in that past and the account is not judged (no past is not a finding). */
  minHistoryDays: number;
  /** Later days of the same new network within this many calendar days of its first are the same alert. */
  episodeDays: number;
  /** Calendar days from the first day that tell a move from a visit (the alert waits for them). */
  confirmDays: number;
  /** A network on at least this share of the account's active days of confirmDays (and at least adoptMinDays) is a move. */
  adoptShare: number;
  adoptMinDays: number;
}

export interface ConcurrentNetworkSettings {
  /** Events of one network this many minutes apart or closer are one session. */
  sessionGapMinutes: number;
  /** Two networks' sessions must overlap this long... */
  minOverlapMinutes: number;
  /** ...with at least this many events of each inside the overlap. */
  minEventsEach: number;
}

export interface NetworkSettings {
  /** The province's shared NAT or gateway addresses: an address there says nothing about where the person is. */
  sharedNetworks: CompiledNetwork[];
  /** Outside a unit's registered networks, addresses are compared at these prefix lengths (a LAN, a home line). */
  prefixV4: number;
  prefixV6: number;
  foreign: ForeignNetworkSettings;
  concurrent: ConcurrentNetworkSettings;
}

const FOREIGN_KEYS = ['historyDays', 'minHistoryDays', 'episodeDays', 'confirmDays', 'adoptShare', 'adoptMinDays'];
const CONCURRENT_KEYS = ['sessionGapMinutes', 'minOverlapMinutes', 'minEventsEach'];

/** The network section checked (config/detection.json's "network", or an admin's value for it). */
export function parseNetworkSettings(raw: unknown): ParsedSettings<NetworkSettings> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: ['network: must be an object'] };
  const { sharedNetworks, ...numbers } = raw as Record<string, unknown>;
  const problems: string[] = [];
  let shared: CompiledNetwork[] = [];
  if (!Array.isArray(sharedNetworks)) problems.push('network.sharedNetworks: must be a list of networks (may be empty)');
  else {
    const compiled = compileNetworks(sharedNetworks as string[]);
    shared = compiled.networks;
    problems.push(...compiled.problems.map((p) => `network.sharedNetworks${p}`));
  }
  const parsed = numberSection<Omit<NetworkSettings, 'sharedNetworks'>>(numbers, 'network', [
    'prefixV4',
    'prefixV6',
    ...FOREIGN_KEYS.map((k) => `foreign.${k}`),
    ...CONCURRENT_KEYS.map((k) => `concurrent.${k}`),
  ]);
  if (parsed.problems) problems.push(...parsed.problems);
  if (parsed.settings && (parsed.settings.prefixV4 > 32 || parsed.settings.prefixV6 > 128)) problems.push('network.prefixV4/prefixV6: at most 32 and 128');
  return problems.length ? { problems } : { settings: { ...parsed.settings!, sharedNetworks: shared } };
}

/** Reads and checks the network section of config/detection.json (tests). */
export function loadNetworkSettings(): NetworkSettings {
  const parsed = parseNetworkSettings(loadDetectionSettingsFile().network);
  if (parsed.problems) throw new Error(`config/detection.json: ${parsed.problems.join('; ')}`);
  return parsed.settings;
}
