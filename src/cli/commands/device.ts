/** `riskloop device …`: the collector script and a payload inspector for integrators. Thin over the device face. */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  collectorScript,
  createCidrSet,
  createDevicePayloadValidators,
  deriveDeviceId,
  deviceFeatures,
} from '../../device/index.js';
import { reportErrors } from '../report.js';

export function register(program: Command): void {
  const device = program.command('device').description('device intelligence: collector script, payload checks');
  device
    .command('collector')
    .description('print (or write) the minified browser collector script')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((opts: { out?: string }) => {
      if (opts.out) writeFileSync(opts.out, collectorScript);
      else process.stdout.write(collectorScript + '\n');
    });
  device
    .command('inspect')
    .description('validate a device payload (web collector or mobile SDK JSON) and show its features and reasons')
    .requiredOption('--payload <file>', 'payload JSON file')
    .option('--ip <ip>', 'client IP as the server saw it')
    .option('--ip-country <cc>', 'ISO country of the IP')
    .option('--datacenter-ranges <file>', 'CIDR list (one per line, # comments, CSV first column)')
    .action((opts: { payload: string; ip?: string; ipCountry?: string; datacenterRanges?: string }) =>
      reportErrors(() => {
        const payload = createDevicePayloadValidators().assert(JSON.parse(readFileSync(opts.payload, 'utf8')));
        const ranges = opts.datacenterRanges
          ? createCidrSet(readFileSync(opts.datacenterRanges, 'utf8').split('\n'))
          : undefined;
        // a per-run key: shows which signals form the id; real ids use the tenant key inside the service
        const identity = deriveDeviceId(randomBytes(32), payload);
        const assessment = deviceFeatures(payload, {
          at: new Date(),
          ip: opts.ip ?? null,
          ipCountry: opts.ipCountry ?? null,
          datacenterRanges: ranges,
        });
        console.log(
          JSON.stringify({ deviceIdBasis: identity.basis, deviceIdSignals: identity.signals, ...assessment }, null, 2),
        );
      }),
    );
}
