// kubectl explain TYPE[.FIELD...] [--recursive]: the documentation of a kind's fields, from the
// OpenAPI models the API server serves.
import type { Command } from 'commander';
import { CliError, RawError } from '../../api/errors.ts';
import { lookupResource } from '../../api/resources.ts';
import { kindRef } from '../../api/openapi/schema.ts';
import { explain, UnknownFieldError } from '../../printers/explain.ts';
import { allOpts, PROGRAM } from '../program.ts';
import { out } from '../io.ts';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .summary('Get documentation for a resource')
    .description('Describe fields and structure of various resources.')
    .usage('TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]')
    .argument('[args...]')
    .option('--recursive', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.')
    .option('--api-version <version>', 'Use given api-version (group/version) of the resource.')
    .option('-o, --output <format>', 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).', 'plaintext')
    .action((args: string[], _o, cmd: Command) => {
      const o = allOpts<any>(cmd);
      if (!args.length) {
        throw new RawError(`error: You must specify the type of resource to explain. Use "${PROGRAM} api-resources" for a complete list of supported resources.\n\n`);
      }
      if (args.length > 1) throw new RawError('error: We accept only this format: explain RESOURCE\n\n');
      if (!['plaintext', 'plaintext-openapiv2'].includes(o.output)) throw new CliError(`unrecognized format: ${o.output}`);
      const [typeName, ...path] = args[0].replace(/\.$/, '').split('.');
      // `deployments.apps.spec`: the group may follow the type name.
      const type = lookupResource(typeName);
      if (type?.group && path[0] === type.group.split('.')[0]) path.splice(0, type.group.split('.').length);
      if (!type) throw new RawError(`the server doesn't have a resource type "${typeName}"`);
      const version = o.apiVersion ? String(o.apiVersion).split('/').pop()! : type.version;
      const group = o.apiVersion?.includes('/') ? o.apiVersion.split('/')[0] : o.apiVersion ? '' : type.group;
      const ref = kindRef(group ? `${group}/${version}` : version, type.kind);
      if (!ref) throw new CliError(`couldn't find resource for "${group}/${version}, Resource=${type.plural}"`);
      try {
        out(explain({ group: type.group, kind: type.kind, version, ref }, path, !!o.recursive));
      } catch (e) {
        if (!(e instanceof UnknownFieldError)) throw e;
        out(e.header);
        throw new CliError(e.message);
      }
    });
}
