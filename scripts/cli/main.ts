// The switchboard CLI: parses the command line, runs one command against the server, sets the exit code.
import { readFileSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { AgentName } from '../../shared/roster.ts';
import { type Client, createClient } from './client.ts';
import { exitQuietlyOnClosedPipe } from './closed-pipe.ts';
import { approve, listApprovals } from './commands/approvals.ts';
import { exportConversation } from './commands/export.ts';
import { deleteFile, listFiles, type Server, uploadFile } from './commands/files.ts';
import { flags } from './commands/flags.ts';
import { history } from './commands/history.ts';
import { list } from './commands/list.ts';
import { remove, rename } from './commands/manage.ts';
import { addFact, businesses, decideProposal, factHistory, forgetFact, listProfile } from './commands/profile.ts';
import { retry } from './commands/retry.ts';
import { listRoutines, runRoutine } from './commands/routines.ts';
import { send } from './commands/send.ts';
import { watch } from './commands/watch.ts';
import { CliError, describeError, EXIT } from './errors.ts';
import { HELP } from './help.ts';
import { type Out, processOut } from './print.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMANDS: Record<
  string,
  { options: Options; run: (client: Client, out: Out, args: Parsed, server: Server) => Promise<void> }
> = {
  send: {
    options: { conversation: { type: 'string', short: 'c' }, business: { type: 'string', short: 'b' } },
    run: (client, out, { positionals, values }) =>
      send(client, out, {
        message: messageFrom(positionals),
        conversationId: text(values.conversation),
        businessId: text(values.business),
      }),
  },
  businesses: {
    options: {},
    run: (client, out, { positionals }) => {
      if (positionals.length) throw usage('businesses takes no arguments.');
      return businesses(client, out);
    },
  },
  profile: {
    options: { business: { type: 'string', short: 'b' } },
    run: (client, out, { positionals, values }) => {
      const [action, ...words] = positionals;
      const businessId = text(values.business);
      if (!action || action === 'list') return listProfile(client, out, { businessId });
      if (action === 'add') {
        if (!words.length) throw usage('profile add needs the fact: switchboard profile add "We ship from Leipzig"');
        return addFact(client, out, { businessId, text: words.join(' ') });
      }
      if (action === 'forget') return forgetFact(client, out, onlyId(words, 'profile forget', 'fact'));
      if (action === 'history') return factHistory(client, out, onlyId(words, 'profile history', 'fact'));
      if (action === 'accept' || action === 'dismiss')
        return decideProposal(client, out, onlyId(words, `profile ${action}`, 'proposal'), action === 'accept');
      throw usage(`Unknown profile action "${action}": use list, add, forget, history, accept or dismiss.`);
    },
  },
  approvals: {
    options: { business: { type: 'string', short: 'b' } },
    run: (client, out, { positionals, values }) => {
      if (positionals.length) throw usage(`approvals takes no arguments (got "${positionals[0]}").`);
      return listApprovals(client, out, { businessId: text(values.business) });
    },
  },
  approve: {
    options: { reject: { type: 'boolean' }, always: { type: 'boolean' } },
    run: (client, out, { positionals, values }) => {
      if (values.reject && values.always) throw usage('--always goes with an approval, not with --reject.');
      return approve(client, out, {
        approvalId: onlyId(positionals, 'approve', 'approval'),
        decision: values.reject ? 'reject' : 'approve',
        always: values.always === true,
      });
    },
  },
  routines: {
    options: { business: { type: 'string', short: 'b' } },
    run: (client, out, { positionals, values }) => {
      if (positionals.length) throw usage(`routines takes no arguments, only --business (got "${positionals[0]}").`);
      return listRoutines(client, out, { businessId: text(values.business) });
    },
  },
  routine: {
    options: {},
    run: (client, out, { positionals }) => {
      const [action, ...ids] = positionals;
      if (action !== 'run') throw usage('routine takes run <routine-id>: switchboard routine run 3f2c…');
      return runRoutine(client, out, onlyId(ids, 'routine run', 'routine'));
    },
  },
  retry: { options: {}, run: (client, out, { positionals }) => retry(client, out, onlyId(positionals, 'retry', 'turn')) },
  watch: { options: {}, run: (client, out, { positionals }) => watch(client, out, onlyId(positionals, 'watch', 'turn')) },
  rename: {
    options: {},
    run: (client, out, { positionals }) => {
      const [conversationId, ...words] = positionals;
      if (!conversationId || !words.length) throw usage('rename needs a conversation id and the new title.');
      return rename(client, out, { conversationId, title: words.join(' ') });
    },
  },
  delete: { options: {}, run: (client, out, { positionals }) => remove(client, out, onlyId(positionals, 'delete')) },
  history: { options: {}, run: (client, out, { positionals }) => history(client, out, onlyId(positionals, 'history')) },
  list: {
    options: {
      agent: { type: 'string', short: 'a' },
      query: { type: 'string', short: 'q' },
      limit: { type: 'string', short: 'n' },
      business: { type: 'string', short: 'b' },
    },
    run: (client, out, { positionals, values }) => {
      if (positionals.length) throw usage(`list takes no arguments, only options (got "${positionals[0]}").`);
      // The server checks the agent name and lists the valid ones when it is wrong.
      const agent = text(values.agent) as AgentName | undefined;
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && !Number.isInteger(limit)) throw usage('--limit must be a whole number.');
      return list(client, out, { agent, query: text(values.query), limit, businessId: text(values.business) });
    },
  },
  flags: {
    options: { out: { type: 'string', short: 'o' } },
    run: (client, out, { positionals, values }) => {
      if (positionals.length) throw usage(`flags takes no arguments, only --out (got "${positionals[0]}").`);
      return flags(client, out, { out: text(values.out) });
    },
  },
  files: {
    options: { business: { type: 'string', short: 'b' } },
    run: (client, out, { positionals, values }, server) => {
      const [action = 'list', ...args] = positionals;
      if (action === 'list' && !args.length) return listFiles(client, out, { businessId: text(values.business) });
      if (action === 'upload' && args.length === 1)
        return uploadFile(server, out, { path: args[0]!, businessId: text(values.business) });
      if (action === 'delete' && args.length === 1) return deleteFile(client, out, args[0]!);
      throw usage('files takes list, upload <path> or delete <file-id>.');
    },
  },
  export: {
    options: { format: { type: 'string', short: 'f', default: 'markdown' }, out: { type: 'string', short: 'o' } },
    run: (client, out, { positionals, values }) => {
      const format = values.format;
      if (format !== 'json' && format !== 'markdown') throw usage('--format must be json or markdown.');
      return exportConversation(client, out, { conversationId: onlyId(positionals, 'export'), format, out: text(values.out) });
    },
  },
};

type Parsed = { positionals: string[]; values: Record<string, unknown> };

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const usage = (message: string) => new CliError(`${message}\nRun \`switchboard --help\` for usage.`, EXIT.usage);

function onlyId(positionals: string[], command: string, kind = 'conversation'): string {
  if (positionals.length !== 1) throw usage(`${command} needs one ${kind} id.`);
  return positionals[0]!;
}

function messageFrom(positionals: string[]): string {
  if (positionals.length === 1 && positionals[0] === '-') return readFileSync(0, 'utf8');
  if (!positionals.length) throw usage('send needs a message: switchboard send "Suggest a name for my candle shop"');
  return positionals.join(' ');
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: Out): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out.stdout(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  const baseUrl = env.SWITCHBOARD_URL?.trim() || 'http://127.0.0.1:3000';
  const token = env.SWITCHBOARD_TOKEN?.trim() || undefined;
  try {
    const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!spec) throw usage(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    if (rest.includes('--help') || rest.includes('-h')) {
      out.stdout(HELP);
      return EXIT.ok;
    }
    let parsed: Parsed;
    try {
      parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
      throw usage(`SWITCHBOARD_URL must be an http(s) URL such as http://127.0.0.1:3000 (got "${baseUrl}").`);
    }
    await spec.run(createClient(baseUrl, token), out, parsed, { baseUrl, token });
    return EXIT.ok;
  } catch (error) {
    const failure = describeError(error, baseUrl, Boolean(token));
    out.stderr(`switchboard: ${failure.message}\n`);
    return failure.exitCode;
  }
}

exitQuietlyOnClosedPipe(process.stdout);
process.exitCode = await main(process.argv.slice(2), process.env, processOut);
