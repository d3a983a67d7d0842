export const HELP = `switchboard: talk to a running Switchboard from the terminal

Usage:
  switchboard send <message> [--conversation ID] [--business ID]
                                                   send a message; the reply streams to stdout,
                                                   the answering agent and routing record to stderr
                                                   (<message> "-" reads it from stdin; --business
                                                   for a new conversation, default the default one)
                                                   Ctrl-C stops the reply (kept as far as it got)
  switchboard watch <turn-id>                      follow a running turn started anywhere, live
  switchboard retry <turn-id>                      run a failed or stopped turn again
  switchboard approvals [--business ID]            tool calls waiting for your yes (an expert wants
                                                   to write through one of your connections)
  switchboard approve <approval-id> [--reject] [--always]
                                                   decide one; the paused reply carries on (--always:
                                                   never ask again for that tool in this business)
  switchboard history <conversation-id>            every message and turn of a conversation
  switchboard list [--agent NAME] [--query TEXT] [--limit N] [--business ID]
                                                   conversations, newest first; with --query the
                                                   best matches (all words, stemmed) and why they matched
  switchboard rename <conversation-id> <title>     give a conversation a new title
  switchboard delete <conversation-id>             delete a conversation with its messages and turns
  switchboard flags [--out FILE]                   replies marked "wrong expert", as routing-eval cases
                                                   (npm run eval -- --cases FILE runs them)
  switchboard export <conversation-id> [--format json|markdown] [--out FILE|DIR]
                                                   the whole conversation with routing records
                                                   (default markdown, to stdout)
  switchboard files [list] [--business ID]         uploaded files and drawn images, newest first
  switchboard files upload <path> [--business ID]  store a PDF, CSV, Markdown or text file for the
                                                   experts to look things up in (search_files;
                                                   default the default business)
  switchboard files delete <file-id>               delete a file
  switchboard businesses                           the businesses, the default one marked
  switchboard profile [--business ID]              the facts every expert sees, newest first, then
                                                   the models' changes to your facts that wait for you
  switchboard profile add <text> [--business ID]   add a fact in your own words
  switchboard profile forget <fact-id>             no model call sees this fact again
  switchboard profile history <fact-id>            every text the fact has had, and who wrote it
  switchboard profile accept|dismiss <proposal-id> apply a model's change to your fact, or keep yours
  switchboard routines [--business ID]             routines: schedule, next run, last outcome, unread runs
  switchboard routine run <routine-id>             run a routine now (after any run going in its
                                                   conversation) and print its reply
  switchboard --help                               this text

Environment:
  SWITCHBOARD_URL     the server (default http://127.0.0.1:3000)
  SWITCHBOARD_TOKEN   the server's access token, when it has one

Exit codes: 0 done, 1 the request failed, 2 wrong usage, 3 server unreachable, 4 token missing or wrong,
130 stopped with Ctrl-C.
`;
